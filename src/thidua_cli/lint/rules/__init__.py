"""The rule catalog: one module per rule, its docstring its documentation.

A rule module defines ``CODE``, ``NAME`` (kebab-case, named after the
problem), ``SEVERITY`` and, unless the engine itself produces its findings
(TD001, TD002, TD900), ``check(ctx)`` yielding ``Hit``s. Rules only report:
the engine stamps codes and severities, places findings and sorts them.
``NEEDS_PLAN = False`` marks a rule that reads only the parsed data (the text
rules), which then runs even on a file that does not fit the schema;
``FIXABLE = True`` one whose hits carry a safe fix for ``--fix``; ``INTACT``
names the plan's sections a plan rule judges as a whole, so that it does not
run on a plan read in part that lost something from them (``partial.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple

from ..finding import Hit, Severity

if TYPE_CHECKING:
    from ..context import Context

from . import (
    attendance_mismatch,
    award_without_nominee,
    basis_after_document,
    below_threshold,
    bonus_over_cap,
    control_character,
    date_out_of_range,
    date_outside_year,
    document_date_outside_year,
    duplicate_id,
    duplicate_member_name,
    final_above_self,
    head_is_deputy,
    issuer_not_head,
    lead_in_support,
    legacy_encoding,
    member_without_score,
    misspelling,
    mixed_tone_style,
    nominee_not_leading,
    not_nfc,
    objective_without_task,
    overdue,
    parent_max_mismatch,
    placeholder_text,
    quota_exceeded,
    recipient_punctuation,
    schema,
    score_on_parent,
    score_out_of_range,
    symbol_format,
    too_many_votes,
    total_above_maximum,
    unknown_basis,
    unknown_basis_kind,
    unknown_criterion,
    unknown_member,
    unknown_objective,
    unknown_voter,
    unused_ignore,
    yaml_syntax,
)

Check = Callable[["Context"], Iterable[Hit]]


class Rule(NamedTuple):
    code: str
    name: str
    severity: Severity
    doc: str
    check: Check | None
    needs_plan: bool = True
    fixable: bool = False
    intact: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0].rstrip(".")


def _rule(module: ModuleType) -> Rule:
    return Rule(module.CODE, module.NAME, module.SEVERITY, module.__doc__ or "",
                getattr(module, "check", None), getattr(module, "NEEDS_PLAN", True),
                getattr(module, "FIXABLE", False), tuple(getattr(module, "INTACT", ())))


RULES: tuple[Rule, ...] = tuple(sorted(
    (_rule(m) for m in (
        yaml_syntax, schema, unknown_member, unknown_objective, unknown_basis,
        unknown_criterion, duplicate_id, duplicate_member_name, head_is_deputy,
        date_outside_year, date_out_of_range,
        basis_after_document, document_date_outside_year, objective_without_task,
        score_out_of_range, overdue, not_nfc, misspelling, symbol_format,
        mixed_tone_style, legacy_encoding, unused_ignore,
        member_without_score, control_character, unknown_basis_kind, issuer_not_head,
        recipient_punctuation, lead_in_support, placeholder_text,
        score_on_parent, bonus_over_cap, final_above_self, total_above_maximum,
        parent_max_mismatch,
        below_threshold, too_many_votes, unknown_voter, attendance_mismatch,
        quota_exceeded, nominee_not_leading, award_without_nominee,
    )),
    key=lambda r: r.code,
))
BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}
BY_NAME: dict[str, Rule] = {r.name: r for r in RULES}
YAML_SYNTAX = BY_CODE["TD001"]
SCHEMA = BY_CODE["TD002"]
UNUSED_IGNORE = BY_CODE["TD900"]
