"""A document symbol or a legal basis number that has not the official shape.

What it does: checks `document.symbol` and each `basis[].number` against the
shapes of Nghị định 30/2020/NĐ-CP. The plan's symbol is `KH-` followed by
the issuer's abbreviation: upper-case letters, digits, `Đ` and `-`
(`KH-LMHTXVN`); its number goes in `document.number`. A basis number has
the state shape, number/[year/]type-issuer (`07/CT-TTg`, `98/2023/NĐ-CP`,
`06/2022/QH15`), or the Party shape, number-type/issuer (`34-CT/TW`,
`12-NQ/TW`).

Why it matters: the symbol is printed in the document's heading and the basis
numbers are how readers find the documents cited; a symbol with spaces, a
wrong separator or a lower-case abbreviation is a formatting error in an
official document.

Example:

```yaml
document:
  issuer: LIÊN MINH HỢP TÁC XÃ VIỆT NAM
  symbol: 05/KH-lmhtxvn
  place: Hà Nội
basis:
  - {id: ct-34, number: 34/CT-TW, date: 2014-04-07, issuer: Bộ Chính trị, title: về thi đua}
  - {id: ct-07, number: "07 / CT-TTg", date: 2014-03-19, issuer: Thủ tướng Chính phủ,
     title: về phòng chống tiêu cực}
```

Use instead:

```yaml
document:
  issuer: LIÊN MINH HỢP TÁC XÃ VIỆT NAM
  number: 5
  symbol: KH-LMHTXVN
  place: Hà Nội
basis:
  - {id: ct-34, number: 34-CT/TW, date: 2014-04-07, issuer: Bộ Chính trị, title: về thi đua}
  - {id: ct-07, number: 07/CT-TTg, date: 2014-03-19, issuer: Thủ tướng Chính phủ,
     title: về phòng chống tiêu cực}
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..context import DataContext
from ..finding import Hit

CODE = "TD403"
NAME = "symbol-format"
SEVERITY = "error"
NEEDS_PLAN = False

_PLAN_SYMBOL = re.compile(r"^KH-[A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)*$")
# A type or issuer part: an upper-case letter, then letters ("TTg", "QĐi", "CTr").
_PART = r"[A-ZĐ][A-Za-zĐđ]*"
_ISSUER = r"[A-ZĐ][A-Za-zĐđ0-9]*"
_STATE = re.compile(rf"^\d{{1,5}}(?:/\d{{4}})?/{_PART}\d*(?:-{_ISSUER})*$")
_PARTY = re.compile(rf"^\d{{1,5}}-{_PART}/{_ISSUER}(?:-{_ISSUER})*$")
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"})


def check(ctx: DataContext) -> Iterator[Hit]:
    data = ctx.parsed.data
    document = data.get("document")
    if isinstance(document, dict):
        symbol = document.get("symbol")
        if isinstance(symbol, str) and symbol and not _PLAN_SYMBOL.match(symbol):
            yield _hit(("document", "symbol"), "textrule.symbol-format", symbol,
                       _plan_suggestion(symbol), "textrule.symbol-format_hint")
    basis = data.get("basis")
    for i, item in enumerate(basis if isinstance(basis, list) else []):
        number = item.get("number") if isinstance(item, dict) else None
        if isinstance(number, str) and number and not basis_number_ok(number):
            yield _hit(("basis", i, "number"), "textrule.basis-number-format", number,
                       _basis_suggestion(number), "textrule.basis-number-format_hint")


def _hit(loc: tuple[str | int, ...], message: str, value: str, suggestion: str | None,
         hint: str) -> Hit:
    if suggestion and suggestion != value:
        return Hit(loc, message, {"value": value}, hint="hint.did_you_mean",
                   hint_args={"suggestion": suggestion})
    return Hit(loc, message, {"value": value}, hint=hint)


def basis_number_ok(number: str) -> bool:
    # "TW" (Trung ương) issues Party documents: "34/CT-TW" is "34-CT/TW" misshapen.
    state = _STATE.match(number) and not number.endswith("-TW")
    return bool(state or _PARTY.match(number))


def _tidy(value: str) -> str:
    return re.sub(r"\s+", "", value.translate(_DASHES))


def _plan_suggestion(symbol: str) -> str | None:
    tidy = _tidy(symbol).upper()
    tidy = re.sub(r"^\d+/", "", tidy)  # the number belongs in document.number
    if not tidy.startswith("KH-"):
        if "-" in tidy:  # another type of document (BC-, QĐ-): no guess
            return None
        tidy = "KH-" + tidy
    return tidy if _PLAN_SYMBOL.match(tidy) else None


def _basis_suggestion(number: str) -> str | None:
    digit = re.search(r"\d", number)  # "Chỉ thị số 34-CT/TW": the number starts there
    tidy = _tidy(number[digit.start():] if digit else number)
    if basis_number_ok(tidy):
        return tidy
    # "34/CT-TW": a Party document written in the state shape.
    party = re.match(rf"^(\d{{1,5}})/({_PART})-({_ISSUER})$", tidy)
    if party and party.group(3) == "TW":
        return f"{party.group(1)}-{party.group(2)}/{party.group(3)}"
    return None
