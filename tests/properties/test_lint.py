"""Properties of lint on generated plans (strategies in tests/strategies.py).

A valid plan, written as YAML, lints clean and reads back as the same plan;
breaking one reference or one date gives exactly one finding, at the line of
what was broken. The rules that judge the words of free text are off: the
texts are arbitrary Unicode on purpose (see ``tests/strategies.py``).
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from thidua_cli.lint.engine import FileResult, LintOptions, lint_text
from thidua_cli.lint.rules import RULES
from thidua_cli.loader import Parsed
from thidua_cli.model import Plan
from thidua_cli.source import decode

from ..strategies import (
    NEVER_OVERDUE,
    WORD_RULES,
    FlowStyle,
    Reference,
    date_paths,
    dump,
    flow_styles,
    line_of,
    plans,
    references,
    replaced,
)

SETTINGS = settings(max_examples=50, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# An id no generated plan has (generated ids are at most 12 characters).
UNKNOWN = "khong-co-id-nay"


OPTIONS = LintOptions(today=NEVER_OVERDUE,
                      enabled=frozenset(r.code for r in RULES) - WORD_RULES)


def lint(text: str) -> FileResult:
    source = decode(text.encode("utf-8"), "plan.yaml")
    assert source.problem is None
    return lint_text(source.text, "plan.yaml", OPTIONS)


def found(result: FileResult) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in result.findings]


@SETTINGS
@given(plans(), flow_styles())
def test_a_valid_plan_lints_clean_and_reads_back_unchanged(data: dict[str, Any],
                                                           flow: FlowStyle) -> None:
    result = lint(dump(data, flow))
    assert [(f.code, f.line, f.message) for f in result.findings] == []
    assert result.plan == Plan.model_validate(data)


@SETTINGS
@given(plans(), flow_styles(), st.data())
def test_a_broken_reference_is_found_at_its_line(data: dict[str, Any], flow: FlowStyle,
                                                 choice: st.DataObject) -> None:
    ref = choice.draw(st.sampled_from(references(data)), label="reference")
    text = dump(replaced(data, ref.path, UNKNOWN, ref.at), flow)
    result = lint(text)
    assert result.parsed is not None
    expected = [(ref.code, line_of(text, UNKNOWN)), *knock_on(data, ref, result.parsed)]
    assert sorted(found(result)) == sorted(expected)


def knock_on(data: dict[str, Any], ref: Reference, parsed: Parsed) -> list[tuple[str, int]]:
    """The warnings that follow from a broken reference, where the rules put them."""
    path = ref.path
    if ref.code == "TD102":  # the objective it named may now be served by no task
        served = [o for task in data["tasks"] for o in task.get("objectives", ())]
        objective = data["tasks"][path[1]]["objectives"][path[3]]
        if served.count(objective) == 1:
            index = [o["id"] for o in data["objectives"]].index(objective)
            return [("TD301", parsed.value_pos(("objectives", index, "id"))[0])]
    if path[0] == "scores" and len(path) == 2:  # that member now has no scores
        index = [m["id"] for m in data["bloc"]["members"]].index(path[1])
        return [("TD303", parsed.value_pos(("bloc", "members", index, "id"))[0])]
    if path[0] == "scores":  # that member now misses a criterion
        return [("TD303", parsed.key_pos(("scores", path[1]))[0])]
    return []


@SETTINGS
@given(plans(), flow_styles(), st.data())
def test_an_impossible_date_is_found_at_its_line(data: dict[str, Any], flow: FlowStyle,
                                                 choice: st.DataObject) -> None:
    paths = date_paths(data)
    assume(paths)
    path = choice.draw(st.sampled_from(paths), label="date")
    year = data["year"]
    bad = choice.draw(st.sampled_from([f"{year}-02-30", f"31/4/{year}", f"{year}-13-01",
                                       f"0/0/{year}", f"30/02/{year}", f"{year}-04-31"]),
                      label="impossible date")
    text = dump(replaced(data, path, bad), flow)
    assume(text.count(bad) == 1)  # a generated text could hold the same characters
    assert found(lint(text)) == [("TD002", line_of(text, bad))]
