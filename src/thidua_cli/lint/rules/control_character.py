"""Text holds a control character, which no document can print.

What it does: reports every text value that holds a control character: the
C0 controls other than tab and line breaks (U+0000-U+001F), DEL (U+007F),
the C1 controls (U+0080-U+009F) and the non-characters U+FFFE and U+FFFF. A
YAML file cannot hold them as they are, so they come from escapes in
double-quoted text (`"\\x01"`, `"\\u0093"`), usually written by a script or a
converter. The finding points at the first one (at its escape, when the
value starts on that line) and counts the others; for a C1 control it names
the Windows-1252 character it most likely was.

Why it matters: a printed document has no way to show them. `thidua render`
and `thidua report` print each as U+FFFD (�), so the official document would
carry a replacement mark where the plan meant something else, or nothing. A
C1 control is nearly always Windows-1252 punctuation read as Latin-1
(U+0093 and U+0094 for “ ”, U+0085 for …, U+0096 for –): the text was damaged
on its way into the plan.

It also reports every text value that holds a bidi control: the embeddings,
overrides and isolates U+202A-U+202E and U+2066-U+2069 and the marks U+200E,
U+200F and U+061C, naming the first (`U+202E RIGHT-TO-LEFT OVERRIDE`). A
document keeps them as written, and they reorder what it shows: a name or a
title can print otherwise than the secretariat read it in the plan or in a
review ("Trojan Source"). Vietnamese text needs none of them; they come from
text pasted out of a right-to-left document, or from someone who meant harm.

Example:

```yaml
title: "Tổ chức \\x93Ngày hội thi đua\\x94 \\u202enăm 2022"
```

Use instead:

```yaml
title: Tổ chức “Ngày hội thi đua” năm 2022
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ...loader import Path_
from ...text import control
from ..context import DataContext
from ..finding import Hit

CODE = "TD406"
NAME = "control-character"
SEVERITY = "warning"
NEEDS_PLAN = False


def check(ctx: DataContext) -> Iterator[Hit]:
    # One test for the whole file (the separator is printable and no control).
    joined = ctx.joined.text
    if joined.isprintable() or not control.has_suspect(joined):
        return
    for path, text in ctx.strings:
        # isprintable() (in C) passes most text at once; only text it refuses
        # (line breaks, format characters ...) is searched.
        if text.isprintable() or not control.has_suspect(text):
            continue
        yield from hits(path, text)


def hits(path: Path_, text: str) -> Iterator[Hit]:
    """The findings of one text value: its control characters, its bidi controls."""
    found = list(control.find(text))
    if found:
        first = text[found[0]]
        args = {"char": control.name(first), "count": len(found)}
        key = "textrule.control-character" + ("" if len(found) == 1 else "_many")
        meant = control.windows_1252(first)
        yield Hit(path, key, args,
                  hint="textrule.control-character_cp1252_hint" if meant else key + "_hint",
                  hint_args={**args, "meant": meant}, span=(found[0], found[0] + 1))
    bidi = list(control.find_bidi(text))
    if bidi:
        args = {"char": control.long_name(text[bidi[0]]), "count": len(bidi)}
        key = "textrule.control-character_bidi" + ("" if len(bidi) == 1 else "_many")
        yield Hit(path, key, args, hint=key + "_hint",
                  hint_args=args, span=(bidi[0], bidi[0] + 1))
