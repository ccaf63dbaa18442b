"""Ids for what a document names, and lists of names split where they really part.

A member's id is the initials of its name's syllables, without tones and with
``đ`` as ``d``, connectives left out: ``Bộ Tài chính`` → ``btc``, ``Bộ Kế
hoạch và Đầu tư`` → ``bkhdt``. Ids of tasks, objectives and activities are
the first words of their text (``tuyen-truyen-quan-triet``); a basis's is its
number turned around (``34-CT/TW`` → ``ct-34-tw``). A second thing with the
same id gets ``-2``, ``-3``: ids never collide.

Names are listed with ``, `` between them, but a name may hold a comma too;
a list is split at the names the document gives elsewhere (the members, one
per cell of the task table) before it is split at every comma.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .citation import key

_CONNECTIVES = frozenset({"và", "của", "-", "&", "–"})
MAX_SLUG_WORDS = 4
#: First words of a body's name: "A, B và Bộ C" parts before "Bộ", not inside "Kế hoạch và Đầu tư".
BODY_WORDS = frozenset({"Bộ", "Ban", "Văn", "Ủy", "Uỷ", "Ngân", "Liên", "Tổng", "Hội", "Sở",
                        "Cục", "Vụ", "Viện", "Trường", "Học", "Đài", "Thông", "Kiểm", "Tòa",
                        "Toà", "Đảng", "Công", "Tập", "Trung", "Đại", "Thành", "Tỉnh", "UBND"})


def ascii_fold(text: str) -> str:
    """Lower case, tones and marks off, ``đ`` as ``d``: ``Đầu tư`` → ``dau tu``."""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def initials(name: str) -> str:
    words = [w for w in re.split(r"[\s,()]+", name) if w and w.casefold() not in _CONNECTIVES]
    letters = "".join(ascii_fold(w)[:1] for w in words)
    return re.sub(r"[^a-z0-9]", "", letters)


def slug(text: str, words: int = MAX_SLUG_WORDS) -> str:
    parts = re.findall(r"[a-z0-9]+", ascii_fold(text))
    return "-".join(parts[:words])


def basis_id(number: str) -> str:
    """``34-CT/TW`` → ``ct-34-tw``; ``07/CT-TTg`` → ``ct-07-ttg``;
    ``152/2025/NĐ-CP`` → ``nd-152-2025-cp``."""
    party = re.match(r"^(\d+)-([^/]+)/(.+)$", number)
    state = re.match(r"^(\d+)/(?:(\d{4})/)?([^-]+)-(.+)$", number)
    if party:
        parts = [party.group(2), party.group(1), party.group(3)]
    elif state:
        parts = [state.group(3), state.group(1), state.group(2) or "", state.group(4)]
    else:
        parts = [number]
    return slug(" ".join(p for p in parts if p), words=8)


class Ids:
    """Hands out unique ids (``all`` is reserved)."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.taken = set(taken) | {"all"}

    def make(self, wanted: str, fallback: str = "x") -> str:
        base = wanted or fallback
        if not re.match(r"^[A-Za-z0-9]", base):
            base = f"{fallback}-{base}".strip("-")
        candidate, n = base, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.taken.add(candidate)
        return candidate


def split_names(text: str, known: Iterable[str]) -> list[str]:
    """``A, B và C`` as names, the ``known`` ones (which may hold commas) matched first."""
    text = " ".join(text.split()).strip().rstrip(".;")
    names = sorted({k for k in known if k}, key=len, reverse=True)
    out: list[str] = []
    rest = text
    while rest:
        folded = key(rest)
        for name in names:
            k = key(name)
            if folded == k or folded.startswith(k + ",") or folded.startswith(k + " và "):
                cut = len(" ".join(rest.split()[:len(name.split())]))
                out.append(rest[:cut].rstrip(","))
                rest = rest[cut:].lstrip(",").strip()
                if rest.startswith("và "):
                    rest = rest[3:]
                break
        else:
            head, sep, tail = rest.partition(", ")
            if not sep and out and " và " in head:
                # "A, B và C": the first "và" that a body's name follows.
                pieces = head.split(" và ")
                at = next((i for i in range(1, len(pieces))
                           if pieces[i].split()[:1] and pieces[i].split()[0] in BODY_WORDS),
                          None)
                if at is not None:
                    out.extend([" và ".join(pieces[:at]).strip(),
                                " và ".join(pieces[at:]).strip()])
                    break
            out.append(head.strip())
            rest = tail.strip()
    return [n for n in out if n]
