"""An ignore comment that silences nothing.

What it does: reports `# thidua: ignore[...]` comments (and `ignore-file`)
naming a rule that found nothing on that line (in that file), an unknown
rule, or no rule at all. An `ignore-file` comment counts only in the comment
lines at the top of the file.

Why it matters: a stale ignore comment hides the next real problem on its
line; one that names a mistyped rule silences nothing while looking as if it
did.

Example:

```yaml
theme: Thi đua hoàn thành xuất sắc nhiệm vụ  # thidua: ignore[TD402]
```

Use instead: delete the comment once the problem it silenced is fixed, and
write the comment on the line of the finding it is meant for.

A rule that did not run on the file (the plan rules, on a file that does not
fit the format) or that the configuration turns off is not judged: its
ignore comments are left alone.
"""

CODE = "TD900"
NAME = "unused-ignore"
SEVERITY = "warning"
