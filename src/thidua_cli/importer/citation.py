"""One legal basis (``Căn cứ ...;``) read back into kind, number, date, issuer, title.

The citation form of Nghị định 30 is ``<kind> số <number> ngày <date> của
<issuer> <title>``: kind, number and date have clear shapes, but nothing in
the text marks where the issuer ends and the title begins ("của Bộ Chính trị
về tiếp tục ..."). The split is made at a body the importer knows (the bloc's
members, the bloc, a list of issuing bodies in ``data/issuers.toml``), else
before the first word that starts a summary ("về", "quy định", ...), and is
then marked as inferred. A law is cited by its name ("Luật Thi đua, khen
thưởng ngày 15 tháng 6 năm 2022"), without number or issuer: those are
looked up in the same data file when the law is known, and marked.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

_DATE = (r"(?:ngày\s+)?(?P<d>\d{1,2})\s*(?:/|-|\.|\s+tháng\s+)\s*(?P<m>\d{1,2})"
         r"\s*(?:/|-|\.|\s+năm\s+)\s*(?P<y>\d{4})")
_CITED = re.compile(
    r"^(?P<kind>.*?)\s*(?:số|Số)\s*:?\s*(?P<number>[0-9][^\s,;]*?)\s*,?\s+" + _DATE
    + r"\s*,?\s*(?:của\s+(?P<rest>.*))?$", re.S)
_LAW = re.compile(r"^(?P<title>(?:Luật|Bộ luật|Pháp lệnh|Hiến pháp)\b.*?)"
                  r"(?:\s+" + _DATE + r")?$", re.S)


@dataclass(frozen=True)
class Citation:
    """What one ``Căn cứ`` line says; ``notes`` per key that was inferred."""

    kind: str | None = None
    number: str | None = None
    date: date | None = None
    issuer: str | None = None
    title: str | None = None
    notes: dict[str, str] = field(default_factory=dict)


@cache
def _data() -> dict[str, Any]:
    text = resources.files("thidua_cli").joinpath("data/issuers.toml").read_text("utf-8")
    return dict(tomllib.loads(text))


def known_issuers() -> list[str]:
    return list(_data()["issuers"])


def _title_starts() -> list[str]:
    return list(_data()["title_starts"])


def _laws() -> dict[str, dict[str, str]]:
    return dict(_data()["laws"])


_NEW_TONES = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
              "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
              "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}
# Only at the end of a syllable: "hoà" is "hòa", but "hoạch" is one spelling.
_NEW_TONE = re.compile("(" + "|".join(_NEW_TONES) + r")(?!\w)")


def key(text: str) -> str:
    """A form for comparing names: NFC, case and spacing ignored, old/new tone places alike."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = _NEW_TONE.sub(lambda m: _NEW_TONES[m.group()], text)
    return " ".join(text.replace("–", "-").split())


def read_citation(text: str, bodies: list[str]) -> Citation | None:
    """``text`` (without ``Căn cứ`` and the final ``;``) as a citation; None when it is not one."""
    match = _CITED.match(text)
    if match is not None:
        day = _day(match)
        kind = " ".join(match.group("kind").split()) or None
        if kind is not None and key(kind) == "văn bản":
            kind = None
        rest = (match.group("rest") or "").strip()
        issuer, summary, said = split_issuer(rest, bodies)
        return Citation(kind, match.group("number"), day, issuer, summary, said)
    match = _LAW.match(text)
    if match is not None:
        title = " ".join(match.group("title").split())
        day = _day(match) if match.group("d") else None
        law = _laws().get(key(title))
        notes = {}
        number = issuer = None
        if law is not None:
            number, issuer = law["number"], law["issuer"]
            notes["number"] = "a law is cited by name: number from thidua's list of laws"
            notes["issuer"] = "a law is cited by name: issuer from thidua's list of laws"
            if day is None:
                day = date.fromisoformat(law["date"])
                notes["date"] = "not in the text: date from thidua's list of laws"
        kind = title.split()[0] if not title.startswith("Bộ luật") else "Bộ luật"
        return Citation(kind, number, day, issuer, title, notes)
    return None


def _day(match: re.Match[str]) -> date | None:
    try:
        return date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    except ValueError:
        return None


def split_issuer(rest: str, bodies: list[str]) -> tuple[str | None, str | None, dict[str, str]]:
    """``của <issuer> <title>`` split; the notes say how sure the split is."""
    if not rest:
        return None, None, {}
    lowered = key(rest)
    candidates = sorted({*bodies, *known_issuers()}, key=len, reverse=True)
    for body in candidates:
        k = key(body)
        if lowered == k:
            return rest, None, {}
        if lowered.startswith(k + " "):
            cut = _cut_after_words(rest, len(body.split()))
            return rest[:cut].strip(), rest[cut:].strip() or None, {}
    words = rest.split()
    starts = [s.split() for s in _title_starts()]
    for i in range(1, len(words)):
        if any([w.casefold() for w in words[i:i + len(s)]] == s for s in starts):
            return (" ".join(words[:i]), " ".join(words[i:]),
                    {"issuer": "where the issuer ends and the title begins was guessed"})
    return rest, None, {"issuer": "could not tell the issuer from the title"}


def _cut_after_words(text: str, count: int) -> int:
    for i, m in enumerate(re.finditer(r"\S+", text), start=1):
        if i == count:
            return m.end()
    return len(text)


_SPLIT = re.compile(r"[;.]\s*(?=(?:[Cc]ăn\s+cứ)\b)")


def split_bases(text: str) -> list[str]:
    """``Căn cứ A; Căn cứ B; căn cứ C.`` (one paragraph or one line each) as
    ``["A", "B", "C"]``; each keeps its own words, ``Căn cứ`` and the final
    ``;``/``.`` taken off."""
    out = []
    for piece in _SPLIT.split(text):
        piece = piece.strip()
        piece = re.sub(r"^[Cc]ăn\s+cứ\s+(?:vào\s+)?", "", piece)
        piece = piece.rstrip(" ;.")
        if piece:
            out.append(piece)
    return out
