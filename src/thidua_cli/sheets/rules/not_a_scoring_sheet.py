"""The workbook is not a scoring sheet made by thidua.

What it does: looks for the sheet `Tự chấm` and the hidden data a scoring
sheet carries (its bloc, year, member and criteria fingerprint).

Why it matters: without them thidua cannot tell whose scores the file holds
or which row is which criterion.

Example: a workbook the member built by hand, or a sheet copied into a new
workbook.

Use instead: the sheet `thidua scores sheets` made, filled in.
"""

CODE = "TD511"
NAME = "not-a-scoring-sheet"
SEVERITY = "error"
