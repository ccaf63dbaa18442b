"""Vietnamese text: syllables and tone marks, legacy encodings, misspellings.

Pure functions over strings, shared by the text rules (TD4xx) and ``--fix``.
Word lists and code tables are data files in ``thidua_cli/data``.
"""
