"""The file is not readable YAML text.

What it does: reports text that is not UTF-8, YAML syntax errors, duplicate
keys, tags that would construct objects, a top level that is not a mapping,
and structures too deep or too large to be a plan.

Why it matters: nothing else can be checked until the file is one YAML
document of plain values; a duplicate key silently drops one of the values in
most YAML tools.

Example:

```yaml
tasks:
  - id: tuyen-truyen
    title: Tuyên truyền
    title: Tuyên truyền Chỉ thị 34-CT/TW
```

Use instead: one key once per mapping, UTF-8 text, no `!!python/...` tags.
"""

CODE = "TD001"
NAME = "yaml-syntax"
SEVERITY = "error"
