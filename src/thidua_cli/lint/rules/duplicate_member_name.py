"""Two members of the bloc have the same name.

What it does: checks that no two entries of `bloc.members` have names that read
the same: compared in NFC, ignoring case, invisible format characters (a
zero-width space pasted from a web page) and how the spaces fall.

Why it matters: every document names members by name, never by id: the
ballots would list two candidates a voter cannot tell apart, the ranking
table two rows of the same name with different points, and the minutes say
one of them passed and the other did not. Two members of one name are nearly
always an entry copied for a new member whose id was changed and whose name
was not.

Example:

```yaml
bloc:
  members:
    - id: btc
      name: Bộ Tài chính
    - id: bnv
      name: Bộ Tài chính
```

Use instead: `name: Bộ Nội vụ` for `bnv`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from ..context import Context
from ..finding import Hit

CODE = "TD108"
NAME = "duplicate-member-name"
SEVERITY = "warning"


def name_key(name: str) -> str:
    """What a reader sees of a name: NFC, case folded, format characters (Cf) left
    out, runs of white space one space, none at the ends."""
    text = unicodedata.normalize("NFC", name)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return " ".join(text.casefold().split())


def check(ctx: Context) -> Iterator[Hit]:
    first: dict[str, int] = {}
    for i, member in enumerate(ctx.plan.bloc.members):
        key = name_key(member.name)
        if not key:
            continue
        if key in first:
            other = ctx.plan.bloc.members[first[key]]
            line = ctx.parsed.value_pos(("bloc", "members", first[key], "name"))[0]
            yield Hit(("bloc", "members", i, "name"), NAME,
                      {"id": member.id, "other": other.id, "line": line},
                      hint="hint.duplicate_member_name")
        else:
            first[key] = i
