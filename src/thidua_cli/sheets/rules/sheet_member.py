"""The sheet is for a member the plan does not have.

What it does: checks the member id the sheet carries against `bloc.members`.

Why it matters: the scores would have nowhere to go; usually the member's id
changed in the plan (a merger, a renamed ministry) after the sheets went
out.

Example: a sheet for `bkhdt` after Bộ Kế hoạch và Đầu tư merged into Bộ Tài
chính.

Use instead: a sheet made from the current plan, or the member back in
`bloc.members`.
"""

CODE = "TD503"
NAME = "sheet-of-unknown-member"
SEVERITY = "error"
