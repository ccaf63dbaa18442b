"""A key or value does not fit the plan format (version 1).

What it does: checks every key and value against the format: required keys,
unknown keys (typos), types, id shapes, dates, statuses, limits.

Why it matters: the later rules, rendering and reports read the plan as the
format defines it; a typo such as `titel:` would otherwise vanish silently.

Example:

```yaml
tasks:
  - id: so-ket
    titel: Sơ kết 6 tháng
    due: 31/6/2022
```

Use instead:

```yaml
tasks:
  - id: so-ket
    title: Sơ kết 6 tháng
    due: 30/6/2022
```
"""

CODE = "TD002"
NAME = "schema"
SEVERITY = "error"
