"""Text that looks like TCVN3 (ABC) or VNI typed in an old font.

What it does: reports text values with words that are not Vietnamese as they
stand but become Vietnamese when read as TCVN3 or VNI, the encodings of the
.VnTime and VNI-Times fonts ("Uû ban nh©n d©n", "UÛy ban nhaân daân"), and
shows what the text probably said.

Why it matters: text copied from an old document keeps its bytes but not its
font, and arrives as mojibake; printed in the plan it is unreadable.

Example:

```yaml
bloc:
  members:
    - {id: ubnd, name: Uû ban nh©n d©n thµnh phè}
```

Use instead:

```yaml
bloc:
  members:
    - {id: ubnd, name: Ủy ban nhân dân thành phố}
```

The hint decodes the whole value; check it before using it (the old fonts
had no upper-case toned letters, so capitals may need restoring). This rule
has no automatic fix: the decoding is a guess.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...text import legacy
from ..context import DataContext
from ..finding import Hit

CODE = "TD405"
NAME = "legacy-encoding"
SEVERITY = "error"
NEEDS_PLAN = False
_SHOWN = 60  # characters of the decoded text shown in the hint


def check(ctx: DataContext) -> Iterator[Hit]:
    # One search of the file's values joined (most files have no suspect), in the
    # form made for a long text: half the time of the short values' form.
    if not legacy.suspect_anywhere(ctx.joined.text):
        return
    for path, text in ctx.strings:
        guess = legacy.guess(text)
        if guess is None:
            continue
        decoded = guess.decoded
        if len(decoded) > _SHOWN:
            decoded = decoded[:_SHOWN - 3] + "..."
        yield Hit(path, "textrule.legacy-encoding", {"encoding": guess.encoding},
                  hint="textrule.legacy-encoding_hint", hint_args={"decoded": decoded})
