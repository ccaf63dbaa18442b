"""A recipient written with its dash or its final `;` or `.`.

What it does: reports a `document.recipients` item that starts with a dash
(`-`, `–`, `•`) or ends with `;`, `.` or `,`, as lines pasted from a Word
document's "Nơi nhận" do. `thidua lint --fix` removes them.

Why it matters: the document writes the dash before each recipient and the
`;` (the `.` after the last) itself; a pasted `- Như trên;` prints as
`- - Như trên;;`.

Example:

```yaml
document:
  issuer: ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK
  symbol: KH-UBND
  place: Đắk Lắk
  recipients:
    - "- Như trên;"
    - "- Lưu: VT, TĐKT."
```

Use instead:

```yaml
document:
  issuer: ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK
  symbol: KH-UBND
  place: Đắk Lắk
  recipients:
    - Như trên
    - "Lưu: VT, TĐKT"
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..context import DataContext
from ..finding import Fix, Hit

CODE = "TD408"
NAME = "recipient-punctuation"
SEVERITY = "warning"
NEEDS_PLAN = False
FIXABLE = True

_LEAD = re.compile(r"^(?:\s*[-–—•+*])+\s*")
_TRAIL = re.compile(r"\s*[;.,]+\s*$")


def tidy(text: str) -> str:
    """The recipient without the dash before it and the punctuation after it."""
    return _TRAIL.sub("", _LEAD.sub("", text))


def check(ctx: DataContext) -> Iterator[Hit]:
    document = ctx.parsed.data.get("document")
    recipients = document.get("recipients") if isinstance(document, dict) else None
    for i, item in enumerate(recipients if isinstance(recipients, list) else []):
        if isinstance(item, str) and (tidied := tidy(item)) != item and tidied:
            yield Hit(("document", "recipients", i), "textrule.recipient-punctuation",
                      {"value": item},
                      hint="hint.recipient_punctuation", hint_args={"tidy": tidied},
                      fix=Fix(("document", "recipients", i), recipient=True))
