"""A sheet made for another bloc or year.

What it does: compares the bloc name and year the sheet carries (hidden)
with the plan's.

Why it matters: members keep last year's file and fill it in again; its
scores belong to another year's plan, and importing them would overwrite
this year's.

Example: `thidua scores import plan-2024.yaml sheets/btc.xlsx` where
`btc.xlsx` was made from `plan-2023.yaml`:

```text
sheets/btc.xlsx: error TD501 [sheet-of-other-plan] the sheet is for year 2023, the plan is for 2024
```

Use instead: a sheet made from this plan: `thidua scores sheets
plan-2024.yaml -o sheets/`.
"""

CODE = "TD501"
NAME = "sheet-of-other-plan"
SEVERITY = "error"
