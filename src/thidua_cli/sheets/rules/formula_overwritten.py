"""A total's formula was replaced by a value or changed.

What it does: checks that every section's total and the grand total still
hold the formula the sheet was made with.

Why it matters: a typed total no longer follows the scores: the member saw
one total and the bloc computes another. thidua always computes totals
itself; the finding says the sheet was tampered with, by accident or not.

Example: `Tự chấm!D12` holds `58` instead of `=D13+D14`.

Use instead: a fresh sheet, or the formula restored (copy it from a fresh
sheet).
"""

CODE = "TD508"
NAME = "formula-overwritten"
SEVERITY = "error"
