"""Known misspellings (``data/misspellings.toml``), matched on whole words.

One regular expression holds every wrong phrase; a match is a whole phrase
(no letter just before or after it), its words separated by any white space,
in any case. The correction keeps the case of each word as written and the
white space between the words, so a fix does not move line breaks.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise

_PREVIOUS = re.compile(r"(\w+)\s+$")
_NEXT = re.compile(r"\s+(\w+)")
_SPACE = re.compile(r"(\s+)")
_PUNCTUATION = "\"'“”‘’()[]{},.;:!?…-–—/"


@dataclass(frozen=True)
class Entry:
    wrong: str
    right: str
    not_after: frozenset[str] = frozenset()
    not_before: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str  # as written
    right: str  # the correction, in the case of ``text``


@cache
def entries() -> dict[str, Entry]:
    """The word list, by wrong phrase (lower case, single spaces)."""
    text = resources.files("thidua_cli").joinpath("data/misspellings.toml").read_text("utf-8")
    out: dict[str, Entry] = {}
    for item in tomllib.loads(text)["word"]:
        entry = Entry(item["wrong"], item["right"], frozenset(item.get("not_after", ())),
                      frozenset(item.get("not_before", ())))
        out[key(entry.wrong)] = entry
    return out


@cache
def _pairs() -> frozenset[tuple[str, str]]:
    """The first two words of every phrase: a cheap test before the expression."""
    return frozenset(tuple(p.split()[:2]) for p in entries())  # type: ignore[misc]


def might_occur(text: str) -> bool:
    """False when ``find`` gives nothing for ``text`` nor for any part of it
    between white space (the values of a file, joined by a space): no phrase's
    first two words stand one after the other in it, as ``_might_contain``
    reads words (split at white space, punctuation around them stripped).
    Most files hold none of the phrases, and a pass over the whole file then
    replaces a call for each of its values: the words it has, then a search
    for the pairs whose two words it has.
    """
    lowered = text.lower()
    words = {w.strip(_PUNCTUATION) for w in set(lowered.split())}
    return any(first in words and second in words and pattern.search(lowered) is not None
               for (first, second), pattern in _adjacent().items())


@cache
def _adjacent() -> dict[tuple[str, str], re.Pattern[str]]:
    """For each of ``_pairs``: its words one after the other, as whole words
    with punctuation around them allowed. Each starts with its first word,
    which the regex engine then looks for alone, skipping ahead."""
    edge = "[^\\s" + re.escape(_PUNCTUATION) + "]"  # a character inside a word
    between = "[" + re.escape(_PUNCTUATION) + "]*\\s+[" + re.escape(_PUNCTUATION) + "]*"
    return {(first, second): re.compile(f"{re.escape(first)}(?<!{edge}{re.escape(first)})"
                                        f"(?:{between}{re.escape(second)}(?!{edge}))")
            for first, second, *_ in sorted(_pairs())}


def _might_contain(text: str) -> bool:
    words = [w.strip(_PUNCTUATION) for w in text.lower().split()]
    pairs = _pairs()
    return any(pair in pairs for pair in pairwise(words))


@cache
def _pattern() -> re.Pattern[str]:
    phrases = sorted(entries(), key=len, reverse=True)
    alternatives = (r"\s+".join(re.escape(w) for w in p.split()) for p in phrases)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def key(phrase: str) -> str:
    """A phrase compared without case or spacing: ``Bổ  xung`` → ``bổ xung``."""
    return " ".join(phrase.split()).lower()


def find(text: str) -> Iterator[Match]:
    """Every known misspelling in ``text`` (NFC), in order."""
    if not _might_contain(text):
        return
    for m in _pattern().finditer(text):
        entry = entries()[key(m.group())]
        before = _PREVIOUS.search(text, 0, m.start())
        if before and before.group(1).lower() in entry.not_after:
            continue
        after = _NEXT.match(text, m.end())
        if after and after.group(1).lower() in entry.not_before:
            continue
        yield Match(m.start(), m.end(), m.group(), _recase(m.group(), entry.right))


def correct(text: str, only: frozenset[str] | None = None) -> str:
    """``text`` with its misspellings corrected.

    ``only`` limits the corrections to these phrases (as ``key`` gives them).
    """
    out: list[str] = []
    last = 0
    for match in find(text):
        if only is not None and key(match.text) not in only:
            continue
        out.append(text[last:match.start])
        out.append(match.right)
        last = match.end
    out.append(text[last:])
    return "".join(out)


def _recase(written: str, right: str) -> str:
    """``right`` in the case of ``written``, word by word, keeping its spacing."""
    parts = _SPACE.split(written)
    words = right.split()
    if len(words) != len(parts[::2]):
        return right
    for i, (have, want) in enumerate(zip(parts[::2], words, strict=True)):
        if have.isupper():
            want = want.upper()
        elif have[:1].isupper():
            want = want[:1].upper() + want[1:]
        parts[2 * i] = want
    return "".join(parts)
