"""Plan rules that reuse what the lint context computed find exactly what they
found as first written (``reference_plan_rules.py``): on every plan of the tests,
on the bench's small plans, and on random rankings with ties."""

from __future__ import annotations

import copy
import datetime
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua_cli.lint.context import Context
from thidua_cli.lint.rules import RULES
from thidua_cli.lint.validate import validate
from thidua_cli.loader import Parsed, YamlSyntaxError, parse

from .conftest import ROOT
from .reference_plan_rules import REFERENCE
from .test_bench_inputs import generate

_RULES = {r.name: r for r in RULES if r.name in REFERENCE}
TODAY = datetime.date(2020, 1, 1)


def assert_same_hits(parsed: Parsed) -> bool:
    """Whether the data is a plan (and then the rules agree with their references)."""
    plan, _ = validate(parsed)
    if plan is None:
        return False
    for name, rule in _RULES.items():
        assert rule.check is not None
        got = list(rule.check(Context(parsed, TODAY, plan)))
        # A fresh context: nothing the rule computed helps the reference.
        assert got == list(REFERENCE[name](Context(parsed, TODAY, plan))), name
    return True


def _plans() -> list[Path]:
    files = [*ROOT.glob("plans/**/*.yaml"), *ROOT.glob("tests/plans/**/*.yaml")]
    return sorted(p for p in files if p.is_file())


@pytest.mark.parametrize("path", _plans(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_plan_gets_the_hits_of_the_first_rules(path: Path) -> None:
    try:
        parsed = parse(path.read_text("utf-8"))
    except (UnicodeDecodeError, YamlSyntaxError):
        pytest.skip("not read as YAML")
    if not assert_same_hits(parsed):
        pytest.skip("not a plan: no plan rule runs")


@pytest.mark.parametrize("seed", range(40))
def test_the_bench_plans_get_the_hits_of_the_first_rules(seed: int) -> None:
    rng = random.Random(seed)  # as bench/generate.py makes its 1,000 small plans
    text = generate.plan_text(seed + 1, year=2020 + seed % 6, tasks=rng.randint(8, 16),
                              members=rng.randint(6, 12), events=rng.randint(2, 6))
    assert assert_same_hits(parse(text))


_BASE = parse((ROOT / "tests/plans/invalid/td606-nominee-not-leading.yaml")
              .read_text("utf-8")).data
# Names that Vietnamese collation orders, and some it cannot tell apart.
_NAMES = ["Bộ Tài chính", "Bộ Nội vụ", "bộ nội vụ", "Ủy ban Dân tộc", "Uỷ ban Dân tộc",
          "Ngân hàng Nhà nước", "Văn phòng Chính phủ", "Bo Noi vu", "Đài Truyền hình"]
# The Government's flag twice: most draws have an award for the leaders.
_AWARDS = ["Cờ thi đua của Chính phủ", "Cờ thi đua của Chính phủ",
           "Bằng khen của Thủ tướng Chính phủ", "Cờ thi đua của Bộ Tài chính",
           "Cờ thi đua của Ủy ban nhân dân tỉnh"]


@st.composite
def rankings(draw: st.DrawFn) -> dict[str, Any]:
    data = copy.deepcopy(_BASE)
    ids = [f"m{i}" for i in range(draw(st.integers(2, 7)))]
    if draw(st.booleans()):
        ids.append(draw(st.sampled_from(ids)))  # a member listed twice
    data["bloc"]["members"] = [{"id": i, "name": draw(st.sampled_from(_NAMES))} for i in ids]
    data["bloc"]["head"] = ids[0]
    data["criteria"] = [{"id": c, "title": f"Tiêu chí {c}", "max_points": 10}
                        for c in ("a", "b", "c")]
    value = st.sampled_from([0, 5, 5.5, 9, 10])
    leaf = st.one_of(value, st.fixed_dictionaries({"self": value}, optional={"final": value}))
    data["scores"] = {m: draw(st.dictionaries(st.sampled_from("abc"), leaf, min_size=1, max_size=3))
                      for m in ids if draw(st.integers(0, 4))}
    if draw(st.booleans()):
        data["ranking"] = {"tie_break": draw(st.lists(st.sampled_from("abc"), max_size=3,
                                                      unique=True))}
    data["awards"] = [{"title": draw(st.sampled_from(_AWARDS)),
                       "members": draw(st.lists(st.sampled_from(ids), min_size=i, max_size=4))}
                      for i in range(draw(st.integers(0, 3)))]
    return dict(data)


@settings(max_examples=400, deadline=None)
@given(rankings())
def test_random_rankings_get_the_hits_of_the_first_rules(data: dict[str, Any]) -> None:
    parsed = Parsed(data, {}, {}, [])
    assert_same_hits(parsed)


@pytest.mark.parametrize(("names", "tie_break", "leader"), [
    # Equal totals: the leader named is the first by name, not by the bloc's list.
    (["Văn phòng Chính phủ", "Bộ Tài chính"], [], "m1"),
    (["Bộ Tài chính", "Văn phòng Chính phủ"], [], "m0"),
    # The same name: the bloc's list.
    (["Bộ Nội vụ", "Bộ Nội vụ"], [], "m0"),
    # The tie-break decides before the names.
    (["Văn phòng Chính phủ", "Bộ Tài chính"], ["b"], "m0"),
])
def test_the_leader_of_equal_totals(names: list[str], tie_break: list[str], leader: str) -> None:
    data = copy.deepcopy(_BASE)
    data["bloc"]["members"] = [{"id": f"m{i}", "name": n} for i, n in enumerate(names)]
    data["bloc"]["members"].append({"id": "m2", "name": "Ủy ban Dân tộc"})
    data["bloc"]["head"] = "m2"
    data["criteria"] = [{"id": c, "title": f"Tiêu chí {c}", "max_points": 10} for c in "ab"]
    data["scores"] = {"m0": {"a": 5, "b": 5}, "m1": {"a": 6, "b": 4}, "m2": {"a": 1, "b": 1}}
    data["ranking"] = {"tie_break": tie_break}
    data["awards"] = [{"title": "Cờ thi đua của Chính phủ", "members": ["m2"]}]
    parsed = Parsed(data, {}, {}, [])
    assert assert_same_hits(parsed)
    plan, _ = validate(parsed)
    assert plan is not None
    [hit] = _RULES["nominee-not-leading"].check(Context(parsed, TODAY, plan))  # type: ignore[misc]
    assert hit.args["leader"] == leader and hit.args["rank"] == 3
