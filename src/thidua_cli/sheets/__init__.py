"""Scoring sheets: members' Excel files out (``scores sheets``), the bloc's summary
table (``scores table``), and filled sheets back into the plan (``scores import``).

This is the only package that imports openpyxl, and only the ``thidua scores``
commands import it: every other command starts without it.
"""
