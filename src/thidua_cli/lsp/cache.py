"""What one buffer's last lint leaves for the next: its model, its text values, the
hits of the text rules that judge each value alone.

A change inside one list item (``splice.py``) parses that item alone; the
values of the file (``DataContext.strings``) and the hits of the rules that
read each value by itself (``LOCAL``) are kept for the rest of the file and
made again for that item only; the rule that weighs the tone marks of the
whole file (``TONED``) keeps its hits when the edit left every value with a
tone mark as it was. Everything else the engine runs as
``thidua lint`` does, on the whole new model: the schema, every plan rule, the
text rules that weigh the file as a whole (mixed tone styles), the ignore
comments. So the findings are those of a full lint, which the tests check
after every edit of a table and of random edit sequences.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..lint.context import DataContext
from ..lint.engine import FileResult, LintOptions, lint_text
from ..lint.finding import Hit
from ..lint.rules import Rule
from ..loader import Parsed, Path_
from .splice import splice

# The text rules whose every hit is about one value, found from that value and
# its path alone: their hits for the values an edit left alone stay true.
LOCAL = frozenset({"not-nfc", "misspelling", "legacy-encoding", "control-character",
                   "placeholder-text"})

# The text rules that weigh the words of the whole file, but only words with
# tone marks (never ASCII): their hits stand when an edit changed no text
# value but ASCII ones (ids, dates, statuses, the usual edit of a task).
TONED = frozenset({"mixed-tone-style"})

Strings = list[tuple[Path_, str]]


@dataclass
class LintCache:
    text: str | None = None  # the last text that parsed, and what was made of it
    parsed: Parsed | None = None
    strings: Strings | None = None
    nfc_strings: list[tuple[Path_, str, bool]] | None = None
    hits: dict[str, list[Hit]] = field(default_factory=dict)  # by rule code
    spliced: int = 0  # how many lints reused a model (for the tests)
    toned_kept: bool = False  # whether the last edit left every non-ASCII value as it was
    _ctx: DataContext | None = None

    def lint(self, text: str, path: str, options: LintOptions) -> FileResult:
        """``lint_text(text, path, options)``, reusing what the last lint made."""
        parsed: Parsed | None = None
        self.toned_kept = False
        if self.text is not None and self.parsed is not None:
            if text == self.text:
                parsed, self.toned_kept = self.parsed, True
            else:
                done = splice(self.text, self.parsed, text)
                if done is not None:
                    parsed = done.parsed
                    self._carry(self.parsed, done.parsed, done.item, options)
                    self.spliced += 1
        kept = self.strings, self.nfc_strings, self.hits
        if parsed is None:  # a whole lint, which makes everything again
            self.strings = self.nfc_strings = None
            self.hits = {}
        self._ctx = None
        called: set[str] = set()
        result = lint_text(text, path, options, parsed=parsed, tables=True,
                           run=lambda rule, ctx: self._run(rule, ctx, called))
        if result.parsed is None:
            # Not YAML: nothing was made; the next text is compared with the
            # last one that parsed.
            self.strings, self.nfc_strings, self.hits = kept
            return result
        self.text, self.parsed = text, result.parsed
        if self._ctx is not None:
            self.strings = self._ctx.strings
            self.nfc_strings = self._ctx.__dict__.get("nfc_strings")
        self._ctx = None
        for code in set(self.hits) - called:  # a rule turned off goes stale
            del self.hits[code]
        return result

    def _forget(self) -> None:
        self.strings = self.nfc_strings = None
        self.hits = {}

    def _run(self, rule: Rule, ctx: Any, called: set[str]) -> Iterable[Hit]:
        """Run ``rule``: a text rule (given the whole file's data) from what the
        last lint left when it can."""
        assert rule.check is not None
        if rule.needs_plan:
            return rule.check(ctx)
        self._ctx = ctx
        if self.strings is not None:
            ctx.__dict__.setdefault("strings", self.strings)
        if self.nfc_strings is not None:
            ctx.__dict__.setdefault("nfc_strings", self.nfc_strings)
        if rule.name not in LOCAL and rule.name not in TONED:
            return rule.check(ctx)
        called.add(rule.code)
        hits = self.hits.get(rule.code)
        if hits is None or (rule.name in TONED and not self.toned_kept):
            hits = self.hits[rule.code] = list(rule.check(ctx))
        return hits

    def _carry(self, old: Parsed, parsed: Parsed, item: Path_, options: LintOptions) -> None:
        """The values and the local rules' hits of ``parsed``, from the last ones:
        those under ``item`` made again."""
        if self.strings is None:
            self._forget()
            return
        size = len(item)
        # The values are in file order: the item's start after every value
        # above its first line (found by halving), and run while under it.
        values = old.values
        line = values[item][0]
        at = bisect.bisect_left(self.strings, line, key=lambda entry: values[entry[0]][0])
        stop = at
        while stop < len(self.strings) and self.strings[stop][0][:size] == item:
            stop += 1
        value = parsed.data
        for part in item:
            value = value[part]
        fresh = DataContext(Parsed(value, {}, {}, []), options.today)
        mine = [((*item, *p), s) for p, s in fresh.strings]
        self.toned_kept = ([e for e in self.strings[at:stop] if not e[1].isascii()]
                           == [e for e in mine if not e[1].isascii()])
        self.strings = [*self.strings[:at], *mine, *self.strings[stop:]]
        if self.nfc_strings is not None:
            nfc = [((*item, *p), s, same) for p, s, same in fresh.nfc_strings]
            self.nfc_strings = [*self.nfc_strings[:at], *nfc, *self.nfc_strings[stop:]]
        if not self.hits:
            return
        around = DataContext(parsed, options.today)  # the whole model, the item's values
        around.__dict__["strings"] = mine
        checks = {r.code: r for r in _local_rules()}
        for code, hits in self.hits.items():
            if code not in checks:
                continue  # a rule of the whole file: judged in ``_run``
            kept = [h for h in hits if h.loc[:size] != item]
            rule = checks[code]
            assert rule.check is not None
            self.hits[code] = kept + list(rule.check(around))  # type: ignore[arg-type]


def _local_rules() -> list[Rule]:
    from ..lint.rules import RULES

    return [r for r in RULES if r.name in LOCAL]
