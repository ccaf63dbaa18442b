"""A legal basis whose type of document cannot be told.

What it does: reports a `basis` item without `kind` whose number does not
name a type (`34-CT/TW`: Chỉ thị, `152/2025/NĐ-CP`: Nghị định, `15/2025/TT-BNV`:
Thông tư ...), and whose title does not name a law for a National Assembly
number (`06/2022/QH15` with "Luật ...", "Bộ luật ..." or "Pháp lệnh ...").

Why it matters: Nghị định 30/2020/NĐ-CP cites a document by its type ("Căn cứ
Nghị quyết số 176/2025/QH15 ..."), and a law by its type and name only ("Căn
cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"). Without the type the
plan can only write "Căn cứ văn bản số ...", which a secretariat would retype.

Example:

```yaml
basis:
  - id: nq-176
    number: 176/2025/QH15
    date: 2025-02-18
    issuer: Quốc hội
    title: về cơ cấu tổ chức của Chính phủ
```

Use instead: name the type, one of the list in the schema (Luật, Bộ luật,
Pháp lệnh, Nghị quyết, Nghị định, Quyết định, Chỉ thị, Thông tư, Kết luận,
Hướng dẫn, Kế hoạch ...):

```yaml
basis:
  - id: nq-176
    number: 176/2025/QH15
    date: 2025-02-18
    issuer: Quốc hội
    title: về cơ cấu tổ chức của Chính phủ
    kind: Nghị quyết
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..finding import Hit

CODE = "TD407"
NAME = "unknown-basis-kind"
SEVERITY = "warning"


def check(ctx: Context) -> Iterator[Hit]:
    from ...kinds import kind_of
    from .symbol_format import basis_number_ok

    for i, basis in enumerate(ctx.plan.basis):
        number = basis.number.strip()
        # A number without the official shape is TD403's: one finding is enough.
        if basis_number_ok(number) and kind_of(number, basis.title.strip(), basis.kind) is None:
            yield Hit(("basis", i, "number"), NAME, {"number": basis.number},
                      hint="hint.basis_kind")
