"""Rows were added, deleted or moved in the sheet.

What it does: compares the criterion ids the sheet's rows carry (a hidden
column) with the plan's criteria in order.

Why it matters: scores are read by row; with a row inserted or moved, a
score would land on the wrong criterion.

Example: a row inserted at 9 for an extra explanation.

Use instead: explanations in the Giải trình column; the rows as the sheet
was made.
"""

CODE = "TD509"
NAME = "rows-changed"
SEVERITY = "error"
