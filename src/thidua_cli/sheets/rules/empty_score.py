"""A criterion has no score in the sheet.

What it does: reports each empty score cell of a points criterion (bonus and
penalty cells may stay empty: no bonus, no deduction).

Why it matters: an empty cell is not a zero: either the member forgot it or
meant 0, and the total and ranking differ.

Example: `Tự chấm!D10` left empty.

Use instead: a score, 0 included.
"""

CODE = "TD510"
NAME = "empty-score"
SEVERITY = "error"
