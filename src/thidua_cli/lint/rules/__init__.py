"""The rule catalog: one module per rule, its docstring its documentation.

A rule module defines ``CODE``, ``NAME`` (kebab-case, named after the
problem), ``SEVERITY`` and, unless the engine itself produces its findings
(TD001, TD002), ``check(ctx)`` yielding ``Hit``s. Rules only report: the
engine stamps codes and severities, places findings and sorts them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

from ..finding import Hit, Severity

if TYPE_CHECKING:
    from ..context import Context

from . import (
    basis_after_document,
    date_outside_year,
    document_date_outside_year,
    duplicate_id,
    head_is_deputy,
    member_without_score,
    objective_without_task,
    schema,
    score_out_of_range,
    unknown_basis,
    unknown_criterion,
    unknown_member,
    unknown_objective,
    yaml_syntax,
)

Check = Callable[["Context"], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    doc: str
    check: Check | None

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0].rstrip(".")


def _rule(module: ModuleType) -> Rule:
    return Rule(module.CODE, module.NAME, module.SEVERITY, module.__doc__ or "",
                getattr(module, "check", None))


RULES: tuple[Rule, ...] = tuple(sorted(
    (_rule(m) for m in (
        yaml_syntax, schema, unknown_member, unknown_objective, unknown_basis,
        unknown_criterion, duplicate_id, head_is_deputy, date_outside_year,
        basis_after_document, document_date_outside_year, objective_without_task,
        score_out_of_range,
        member_without_score,
    )),
    key=lambda r: r.code,
))
BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}
BY_NAME: dict[str, Rule] = {r.name: r for r in RULES}
YAML_SYNTAX = BY_CODE["TD001"]
SCHEMA = BY_CODE["TD002"]
