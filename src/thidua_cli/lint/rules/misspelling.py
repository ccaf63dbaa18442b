"""A common misspelling of administrative Vietnamese.

What it does: looks in every text value for the misspellings of the word list
`thidua_cli/data/misspellings.toml` ("bổ xung", "sát nhập", "sơ xuất",
"chuẩn đoán", "xắp xếp", "xẩy ra", "vô hình chung", ...), matched on whole
words in any case, and names the correct spelling. `thidua lint --fix`
corrects them, keeping the case as written.

Why it matters: the plan is issued under the bloc head's name and sent to
every member and to the Central Emulation and Commendation Council; a
misspelling in it is a misspelling in an official document.

Example:

```yaml
title: Bổ xung kế hoạch thi đua năm 2022
```

Use instead:

```yaml
title: Bổ sung kế hoạch thi đua năm 2022
```

The list holds only spellings that are wrong wherever they stand; pairs that
depend on the meaning (giành / dành) or where both spellings are in use
(tham quan / thăm quan) are left out.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...text import misspelling
from ..context import DataContext
from ..finding import Fix, Hit

CODE = "TD402"
NAME = "misspelling"
SEVERITY = "warning"
NEEDS_PLAN = False
FIXABLE = True


def check(ctx: DataContext) -> Iterator[Hit]:
    values = ctx.texts if ctx.all_nfc else [nfc for _, nfc, _ in ctx.nfc_strings]
    if not misspelling.might_occur(misspelling.searched(values)):
        return
    for path, text, nfc in ctx.nfc_strings:
        for match in misspelling.find(text):
            yield Hit(path, "textrule.misspelling", {"wrong": match.text},
                      hint="textrule.misspelling_hint", hint_args={"right": match.right},
                      # Offsets in NFC text point into the file only if it was NFC.
                      span=(match.start, match.end) if nfc else None,
                      fix=Fix(path, misspelling.key(match.text)))
