"""Document types: what a legal basis's ``kind``, number and title say it is.

A number's symbol names the type by its abbreviation (Nghị định 30/2020/NĐ-CP,
Phụ lục III, and the Party's own list): ``34-CT/TW`` and ``07/CT-TTg`` are
each a Chỉ thị. Laws and National Assembly resolutions share ``/QH15``, so an
Assembly's number names a type only through a title that starts with the name
of one (``Luật``, ``Bộ luật``, ``Pháp lệnh``). The abbreviations are data
(``data/kinds.toml``). TD407 and the citations of rendered documents read
types here: linting imports nothing of the render package.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from .model import LAW_KINDS

# A document number such as 34-CT/TW (Party: number-TYPE/ISSUER), 07/CT-TTg
# (State: number/TYPE-ISSUER) or 152/2025/NĐ-CP (number/year/TYPE-ISSUER).
_PARTY = re.compile(r"^\d+-([A-ZĐa-zđ]+)/")
_STATE = re.compile(r"^\d+/(?:\d{4}/)?([A-ZĐa-zđ]+)-")
# A law's number, which names no type: 06/2022/QH15 (National Assembly),
# 02/2022/UBTVQH15 (its Standing Committee, which passes ordinances).
_ASSEMBLY = re.compile(r"^\d+/(?:\d{4}/)?(?:UBTV)?QH\d+$")


@cache
def _table() -> dict[str, Any]:
    from .tables import TABLES  # data/kinds.toml

    table: dict[str, Any] = TABLES["kinds"]
    return table


def abbreviations() -> dict[str, str]:
    """The type each abbreviation names: ``CT`` → ``Chỉ thị``."""
    return dict(_table()["kinds"])


def document_types() -> frozenset[str]:
    """The type abbreviations a symbol may start with (``KH``, ``BC``, ``QĐ`` ...)."""
    return frozenset(_table()["kinds"])


def summary_verbs() -> tuple[str, ...]:
    """Words a basis summary may start with to read on from ``của <issuer>``."""
    return tuple(_table()["summary"]["verbs"])


def document_kind(number_symbol: str) -> str | None:
    """The document type a number names: ``34-CT/TW`` → ``Chỉ thị``; None when unknown.

    Laws and National Assembly resolutions share ``/QH15``, so such numbers
    name no type and the caller writes a neutral ``văn bản``.
    """
    match = _PARTY.match(number_symbol) or _STATE.match(number_symbol)
    if match is None:
        return None
    kinds: dict[str, str] = _table()["kinds"]
    return kinds.get(match.group(1))


def kind_of(number: str, title: str, kind: str | None = None) -> str | None:
    """The document type of a basis: ``kind``, else what its number and title tell."""
    if kind:
        return kind
    if _ASSEMBLY.match(number):
        return law_named(title)
    return document_kind(number)


def law_named(title: str) -> str | None:
    """The kind of law a title starts with (``Bộ luật`` before ``Luật``), if any."""
    for law in sorted(LAW_KINDS, key=len, reverse=True):
        if title == law or title.startswith(law + " "):
            return law
    return None
