"""What a rule sees: the parsed data, and the validated plan when there is one.

Text rules need only the data (``DataContext``), so they run even on a file
that does not fit the schema; the plan rules get a ``Context`` with the plan.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import accumulate
from typing import TYPE_CHECKING, Any, NamedTuple

from ..loader import Parsed, Path_
from ..memo import cached
from ..model import Award, Plan

if TYPE_CHECKING:
    # Imported where used: a plan without criteria (most plans) needs neither.
    from ..scoring.total import MemberTotal
    from ..scoring.tree import Tree
    from ..votes.thresholds import AwardRule


# What separates the values in ``Joined.text``: white space (no word runs
# across it), printable, and a character that Unicode normalization never
# composes with its neighbours, so that the joined text is NFC exactly when
# every value is.
SEPARATOR = " "


class Joined(NamedTuple):
    """Text values joined by ``SEPARATOR``: one text to search in C where a rule
    would otherwise call a function for each of a file's few hundred values."""

    text: str
    starts: list[int]  # where each value starts in ``text``

    @classmethod
    def of(cls, texts: list[str]) -> Joined:
        # Each value starts one separator after the end of the one before: the
        # sums made in C (a file has a few hundred values).
        starts = list(accumulate(map((1).__add__, map(len, texts)), initial=0))
        starts.pop()
        return cls(SEPARATOR.join(texts), starts)

    def locate(self, offset: int) -> tuple[int, int]:
        """The value ``offset`` falls in (its index) and the offset inside it."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return index, offset - self.starts[index]


@dataclass(eq=False)  # one file's: compared as itself, never by value
class DataContext:
    parsed: Parsed
    today: date

    @cached
    def strings(self) -> list[tuple[Path_, str]]:
        """Every text value of the file with its path, in file order."""
        return _string_list(self.parsed.data)

    @cached
    def texts(self) -> list[str]:
        """``strings`` without the paths: what the file-wide tests read. Most
        files pass them, and then no rule needs a path (a tuple for each value,
        half of walking the data)."""
        strings = self.__dict__.get("strings")
        if strings is not None:
            return [text for _, text in strings]
        if self.parsed.texts is not None:  # the builder's, made as it went
            return self.parsed.texts
        return _text_list(self.parsed.data)

    @cached
    def joined(self) -> Joined:
        """``texts`` as one (``Joined``)."""
        return Joined.of(self.texts)

    @cached
    def all_nfc(self) -> bool:
        """Whether every text value is NFC as written (most files: one test in C)."""
        return unicodedata.is_normalized("NFC", self.joined.text)

    @cached
    def nfc_joined(self) -> Joined:
        """``nfc_strings``' texts as one (``Joined``)."""
        if self.all_nfc:
            return self.joined
        return Joined.of([text for _, text, _ in self.nfc_strings])

    @cached
    def nfc_strings(self) -> list[tuple[Path_, str, bool]]:
        """``strings`` in NFC, and whether each was NFC as written."""
        if self.all_nfc:
            return [(path, text, True) for path, text in self.strings]
        out = []
        for path, text in self.strings:
            nfc = unicodedata.is_normalized("NFC", text)
            out.append((path, text if nfc else unicodedata.normalize("NFC", text), nfc))
        return out


@dataclass(eq=False)
class Context(DataContext):
    plan: Plan
    # None: the shipped rules (the configuration's, when it has any).
    awards: tuple[AwardRule, ...] | None = None

    @cached
    def award_rules(self) -> tuple[AwardRule, ...]:
        from ..votes.thresholds import shipped

        return self.awards if self.awards is not None else shipped()

    @cached
    def award_list(self) -> tuple[tuple[int, Award, AwardRule | None], ...]:
        """``(index, award, its rule or None)`` for every award of the plan: three
        vote rules read them, and each looked the rules up again."""
        if not self.plan.awards:  # most plans, most of the year: no data file to read
            return ()
        from ..votes.thresholds import rule_for

        rules = self.award_rules
        return tuple((i, award, rule_for(award.title, rules))
                     for i, award in enumerate(self.plan.awards))

    @cached
    def hints(self) -> Hints:
        """The "did you mean" hints of this plan's findings, within their budget."""
        return Hints()

    @cached
    def member_ids(self) -> set[str]:
        return {m.id for m in self.plan.bloc.members}

    @cached
    def objective_ids(self) -> set[str]:
        return {o.id for o in self.plan.objectives}

    @cached
    def basis_ids(self) -> set[str]:
        return {b.id for b in self.plan.basis}

    @cached
    def tree(self) -> Tree:
        """The criteria tree, numbered, with kinds and maxima (``scoring.tree``)."""
        from ..scoring.tree import build_tree

        return build_tree(self.plan.criteria)

    @cached
    def criterion_ids(self) -> set[str]:
        return {n.id for n in self.tree.nodes} if self.plan.criteria else set()

    @cached
    def totals(self) -> dict[str, MemberTotal]:
        """Each scored member's final totals (``scoring.total``)."""
        from ..scoring.total import member_total

        out: dict[str, MemberTotal] = {}
        for member, points in self.plan.scores.items():
            found = member_total(self.tree, points)
            if found is not None:
                out[member] = found
        return out


# How deep ``_string_list`` recurses before it hands a value to ``_strings``,
# which keeps a stack of its own: aliases can nest data far deeper than its text.
_RECURSION = 200


def _string_list(data: Any) -> list[tuple[Path_, str]]:
    """``_strings(data, ())`` as a list, about twice as fast on a plan: a call per
    list or mapping rather than a tuple and a push for every value."""
    out: list[tuple[Path_, str]] = []
    append = out.append

    def walk(items: Iterable[tuple[str | int, Any]], at: Path_, depth: int) -> None:
        for key, value in items:
            if isinstance(value, str):
                append(((*at, key), value))
            elif isinstance(value, dict | list):
                if depth > _RECURSION:
                    out.extend(_strings(value, (*at, key)))
                else:
                    walk(value.items() if isinstance(value, dict) else enumerate(value),
                         (*at, key), depth + 1)

    if isinstance(data, str):
        append(((), data))
    elif isinstance(data, dict | list):
        walk(data.items() if isinstance(data, dict) else enumerate(data), (), 0)
    return out


def _text_list(data: Any) -> list[str]:
    """The texts of ``_string_list(data)``, in its order, made without their paths."""
    out: list[str] = []
    append = out.append

    def walk(values: Iterable[Any], depth: int) -> None:
        for value in values:
            if isinstance(value, str):
                append(value)
            elif isinstance(value, dict | list):
                if depth > _RECURSION:
                    out.extend(text for _, text in _strings(value, ()))
                else:
                    walk(value.values() if isinstance(value, dict) else value, depth + 1)

    walk((data,), -1)
    return out


def _strings(value: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    # A stack rather than recursion: plans have tens of thousands of values.
    stack: list[tuple[Path_, Any]] = [(path, value)]
    while stack:
        at, item = stack.pop()
        if isinstance(item, str):
            yield at, item
        elif isinstance(item, dict):
            stack.extend(((*at, k), v) for k, v in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend(((*at, i), v) for i, v in reversed(list(enumerate(item))))


#: How many (mistyped id, known id) pairs the hints of one plan may compare.
#: Each costs some 20 µs; a plan of 2,000 members and 5,000 unknown ids
#: compared all 10 million pairs in three minutes, looking like a hang. Past the
#: budget a finding lists the valid ids instead, as it does when nothing is close.
HINT_BUDGET = 100_000


class Hints:
    """The closest known id to each mistyped one, until the plan's budget is spent."""

    def __init__(self, budget: int = HINT_BUDGET) -> None:
        self.left = budget

    def closest(self, word: str, choices: set[str] | list[str]) -> str | None:
        if len(choices) > self.left:
            self.left = 0
            return None
        self.left -= len(choices)
        return suggest(word, choices)


def suggest(word: str, choices: set[str] | list[str]) -> str | None:
    """The closest known id to a mistyped one, if any is close."""
    import difflib  # here: only a mistyped id needs it, and lint's start-up pays for imports

    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return close[0] if close else None
