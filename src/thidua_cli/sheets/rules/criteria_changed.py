"""The criteria tree changed since the sheet was made.

What it does: compares the fingerprint of the criteria tree the sheet
carries (ids, nesting, kinds and maxima; not titles) with the plan's.

Why it matters: a sheet scored against other criteria or maxima cannot be
read row by row into this plan: a score of 18 out of 20 is not a score out
of 15.

Example: the plan's `cai-cach` went from `max_points: 20` to `15` after the
sheets were sent.

Use instead: send the members new sheets (`thidua scores sheets`), or change
the criteria back.
"""

CODE = "TD502"
NAME = "criteria-changed"
SEVERITY = "error"
