"""Bình xét, suy tôn: what each award's vote needs, and how a tally is judged.

The figures (thresholds, quotas, whether an award goes to the members that
lead the bloc) are data with their legal source (``data/awards.toml``), and a
bloc's configuration may override them (``thresholds.py``). ``tally.py``
judges one candidate's votes against them with exact fractions, so a result
line can never say "đạt" for a share below the threshold.
"""
