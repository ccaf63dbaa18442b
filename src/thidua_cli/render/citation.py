"""A legal basis as the sentence after "Căn cứ": Nghị định 30/2020/NĐ-CP's way of citing.

A document is cited by its type, number and symbol, date, issuer and summary
(``Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị về ...``); a law or
an ordinance by its type and name only, with the date of adoption kept to
tell amended laws of one name apart (``Luật Thi đua, khen thưởng ngày 15
tháng 6 năm 2022``). The type comes from the basis's ``kind``, else from its
symbol (``kinds.py``), else from a National Assembly number whose title
names a law; ``văn bản`` is written only when nothing is known (and TD407
says so).
"""

from __future__ import annotations

from datetime import date

from ..kinds import law_named, summary_verbs
from ..model import LAW_KINDS
from . import nd30

UNKNOWN = "văn bản"


def is_law(kind: str | None) -> bool:
    return kind in LAW_KINDS


def cite(kind: str | None, number: str, day: date | None, issuer: str, title: str) -> str:
    """The citation, without "Căn cứ" and the final punctuation."""
    if is_law(kind):
        assert kind is not None
        name = title if law_named(title) == kind else f"{kind} {title}"
        return f"{name} {nd30.long_date(day)}" if day is not None else name
    head = f"{kind or UNKNOWN} số {number}"
    if day is not None:
        head += f" ngày {nd30.short_date(day)}"
    return f"{head} của {issuer}{joined(title)}"


def joined(title: str) -> str:
    """The summary as it follows ``của <issuer>``: a lower-case start reads on
    (``về ...``, ``quy định ...``); a summary starting with such a word in
    upper case is lowered; any other is introduced by ``về``."""
    if not title:
        return ""
    if title[0].islower():
        return f" {title}"
    lowered = lower_first(title)
    if any(lowered == v or lowered.startswith(v + " ") for v in summary_verbs()):
        return f" {lowered}"
    return f" về {lowered}"


def lower_first(text: str) -> str:
    """``Tổ chức ...`` → ``tổ chức ...``; an abbreviation (``UBND``) or a name of a
    document type (``Quy chế``, ``Luật``) keeps its capital."""
    word = text.split(" ", 1)[0]
    if len(word) > 1 and word[1].isupper():
        return text
    if any(text == k or text.startswith(k + " ") for k in ("Quy chế", "Luật", "Bộ luật",
                                                           "Pháp lệnh", "Hiến pháp")):
        return text
    return text[:1].lower() + text[1:]
