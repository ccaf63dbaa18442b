"""Scoring: the criteria tree, members' totals in exact decimals, the ranking.

``tree`` flattens the plan's criteria into numbered nodes (``1``, ``1.1``,
``1.1.2``) with their kinds and maxima; ``total`` adds a member's leaf scores
up the tree (the one place totals are computed); ``ranking`` orders the
members, ties sharing a rank unless the plan's tie-break order decides. The
sheets (``scores sheets``, ``scores table``, ``scores import``) live in
``thidua_cli.sheets``: they need openpyxl, this package does not.
"""
