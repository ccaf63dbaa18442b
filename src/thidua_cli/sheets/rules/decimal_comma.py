"""A score typed as text with a decimal comma, read as a number.

What it does: reads a text cell such as `18,5` (Vietnamese decimal comma) or
`18.5` as the number 18.5 and reports that it did.

Why it matters: Excel stores what a member typed with the wrong decimal
separator as text, and its formulas then skip it: the sheet's own total was
wrong although the import is right.

Example: `Tự chấm!D7` holds the text `18,5`.

Use instead: type the number with the decimal separator of the computer's
settings, so that it is a number.
"""

CODE = "TD506"
NAME = "decimal-comma"
SEVERITY = "warning"
