"""Two sheets for the same member.

What it does: reports every sheet after the first that carries the same
member id, in the order given.

Why it matters: the second would silently overwrite the first; which one is
the member's final answer is for the secretariat to decide, not for thidua.

Example: `sheets/btc.xlsx` and `email/btc (1).xlsx` both imported.

Use instead: import one of them.
"""

CODE = "TD504"
NAME = "duplicate-member"
SEVERITY = "error"
