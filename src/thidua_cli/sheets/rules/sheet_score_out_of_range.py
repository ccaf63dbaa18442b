"""A score in a sheet is outside 0 to its maximum, or has more than two decimals.

What it does: checks each leaf's score against 0 and the criterion's
maximum, and that it has at most two decimals, as the plan format requires.

Why it matters: Excel's data validation stops typing, not pasting: a pasted
25 out of 20 reaches the file, and would change the ranking.

Example: `Tự chấm!D9` holds 25 where the maximum is 20.

Use instead: a score from 0 to the maximum.
"""

CODE = "TD505"
NAME = "sheet-score-out-of-range"
SEVERITY = "error"
