"""The rules as documentation: find one by code or name, read its docstring's parts.

A rule's docstring is its documentation: a summary line, then the sections
"What it does", "Why it matters", "Example" and "Use instead", each starting a
line with its label and a colon. ``thidua rules``, ``docs/rules.md``, the
README's rule table and the SARIF rule metadata all read it from here, so a
rule added to the registry shows up everywhere without another edit.
"""

from __future__ import annotations

import difflib
import inspect
from dataclasses import dataclass

from ..errors import UsageError
from .rules import RULES, Rule

SECTIONS = ("What it does", "Why it matters", "Example", "Use instead")


@dataclass(frozen=True)
class RuleDoc:
    """A rule's docstring, split into its summary and its sections."""

    rule: Rule
    summary: str
    sections: dict[str, str]

    def __repr__(self) -> str:
        return f"RuleDoc({self.rule.code!r}, {self.rule.name!r}, {self.rule.severity!r})"

    @property
    def body(self) -> str:
        """Everything after the summary line, as written."""
        return _dedent(self.rule.doc).partition("\n")[2].strip()

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.rule.code, "name": self.rule.name, "severity": self.rule.severity,
            "summary": self.summary,
            "sections": {_snake(label): text for label, text in self.sections.items()},
        }


def rule_docs() -> list[RuleDoc]:
    """Every registered rule's documentation, by code."""
    return [document(rule) for rule in RULES]


def document(rule: Rule) -> RuleDoc:
    text = _dedent(rule.doc)
    first, _, rest = text.partition("\n")
    return RuleDoc(rule, first.strip().rstrip("."), _sections(rest))


def lookup(query: str) -> Rule:
    """The rule named by its code (``TD101``, any case) or its name (``unknown-member``).

    Raises ``UsageError`` with the closest code or name when nothing matches.
    """
    wanted = query.strip()
    from ..sheets.rules import sheet_rules

    # The TD5xx findings of `thidua scores import` are looked up too (exactly:
    # suggestions stay among the plan rules).
    for rule in (*RULES, *sheet_rules()):
        if wanted.upper() == rule.code or wanted.lower() == rule.name:
            return rule
    names = [r.code for r in RULES] + [r.name for r in RULES]
    probe = wanted.upper() if wanted.upper().startswith("TD") else wanted.lower()
    close = difflib.get_close_matches(probe, names, n=1, cutoff=0.6)
    if close:
        raise UsageError("rules.unknown_close", query=query, suggestion=close[0])
    raise UsageError("rules.unknown", query=query)


def _sections(text: str) -> dict[str, str]:
    """``{label: text}`` for the labelled paragraphs; labels inside code fences do not count."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    fenced = False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        label = None if fenced else _label(line)
        if label is not None:
            current = found.setdefault(label, [])
            current.append(line[len(label) + 1:].strip())
        elif current is not None:
            current.append(line)
    return {label: "\n".join(lines).strip() for label, lines in found.items()}


def _label(line: str) -> str | None:
    for label in SECTIONS:
        if line.startswith(label + ":"):
            return label
    return None


def _dedent(doc: str) -> str:
    return inspect.cleandoc(doc)


def _snake(label: str) -> str:
    return label.lower().replace(" ", "_")
