"""Text where a score belongs.

What it does: reports a score cell holding text that is not a number
(`mười`, `18 điểm`), a date or true/false.

Why it matters: thidua cannot guess the number meant, and a text cell counts
as nothing in the sheet's totals.

Example: `Tự chấm!D8` holds `mười`.

Use instead: the number, `10`.
"""

CODE = "TD507"
NAME = "not-a-number"
SEVERITY = "error"
