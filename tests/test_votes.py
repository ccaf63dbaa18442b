"""Votes: tallies judged against thresholds, as findings and as the minutes' result lines.

Tables first (a tally → its finding, its line in the biên bản), then a property:
whatever the tally, the bloc's size and the threshold, the result a document
prints never contradicts the threshold.
"""

from __future__ import annotations

import textwrap
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua_cli.documents.votes import award_lines
from thidua_cli.lint.engine import LintOptions, lint_text
from thidua_cli.model import Plan
from thidua_cli.votes.tally import judge, percent
from thidua_cli.votes.thresholds import AwardRule, merged, rule_for, shipped

from .conftest import TODAY
from .documents_kinds import parts
from .rendering import shipped as shipped_templates

FLAG = "Cờ thi đua của Chính phủ"
MEMBERS = ("btc", "bnv", "ubdt", "nhnn", "vpcp", "vpqh", "vpctn", "lmhtxvn", "bkhdt",
           "bqp")


def plan_text(votes: dict[str, tuple[int, int]], nominees: list[str], *, members: int = 9,
              title: str = FLAG, meeting: bool = False) -> str:
    """A plan of ``members`` members with one award voted as ``votes``."""
    ids = MEMBERS[:members]
    lines = ["version: 1", "year: 2022", "title: Kế hoạch năm 2022", "theme: Thi đua",
             "bloc:", "  name: Khối thi đua thử nghiệm", f"  head: {ids[0]}", "  members:"]
    lines += [f"    - {{id: {m}, name: Đơn vị {m.upper()}}}" for m in ids]
    lines += ["objectives:", "  - {id: o1, text: Hoàn thành nhiệm vụ.}",
              "tasks:", "  - {id: t1, title: Nhiệm vụ một, objectives: [o1]}",
              "awards:", f"  - title: {title}", f"    members: [{', '.join(nominees)}]",
              "    votes:" if votes else "    votes: {}"]
    lines += [f"      {m}: {{agree: {a}, disagree: {d}}}" for m, (a, d) in votes.items()]
    if meeting:
        lines += ["review:", "  meeting:", "    date: 2022-12-15", "    place: Hà Nội",
                  "    chair: {name: Nguyễn Văn An, position: Thứ trưởng}",
                  "    secretary: {name: Trần Thị Bình, position: Chánh Văn phòng}",
                  f"    present: [{', '.join(ids[:-1])}]", f"    absent: [{ids[-1]}]"]
    return "\n".join(lines) + "\n"


def codes(text: str) -> list[str]:
    result = lint_text(text, "plan.yaml", LintOptions(today=TODAY))
    return [f.code for f in result.findings]


# ---------------------------------------------------------------- tallies → findings

@pytest.mark.parametrize(("votes", "nominees", "members", "expected"), [
    ({"bnv": (9, 0)}, ["bnv"], 9, []),                 # all of them
    ({"bnv": (8, 1)}, ["bnv"], 9, []),                 # 88,88%
    ({"bnv": (7, 2)}, ["bnv"], 9, ["TD601"]),          # 77,77%
    ({"bnv": (8, 0)}, ["bnv"], 10, []),                # 80% of all members, one did not vote
    ({"bnv": (7, 0)}, ["bnv"], 9, ["TD601"]),          # all votes cast, but 7 of 9 members
    ({"bnv": (4, 1)}, ["bnv"], 5, []),                 # exactly 80%
    ({"bnv": (3, 2)}, ["bnv"], 5, ["TD601"]),
    ({"bnv": (9, 1)}, ["bnv"], 9, ["TD602"]),          # ten votes from nine members
    ({"bnv": (9, 0), "btc": (2, 7)}, ["bnv"], 9, []),  # a candidate voted on, not proposed
    ({"btc": (9, 0)}, ["bnv"], 9, ["TD601"]),          # the nominee has no tally
    ({"bvn": (9, 0)}, ["bnv"], 9, ["TD601", "TD603"]),  # a mistyped candidate
    ({}, ["bnv"], 9, []),                              # not voted yet: nothing to judge
])
def test_tallies_to_findings(votes: dict[str, tuple[int, int]], nominees: list[str],
                             members: int, expected: list[str]) -> None:
    assert sorted(codes(plan_text(votes, nominees, members=members))) == expected


def test_an_award_without_a_threshold_is_not_judged() -> None:
    text = plan_text({"bnv": (1, 8)}, ["bnv"], title="Bằng khen của Thủ tướng Chính phủ")
    assert codes(text) == []


# ---------------------------------------------------------------- the minutes' lines

@pytest.mark.parametrize(("agree", "disagree", "line"), [
    (9, 0, "- Đơn vị BNV: 9/9 phiếu đồng ý (100%), đạt."),
    (8, 1, "- Đơn vị BNV: 8/9 phiếu đồng ý (88,88%), đạt."),
    (7, 2, "- Đơn vị BNV: 7/9 phiếu đồng ý (77,77%), không đạt."),
    (0, 9, "- Đơn vị BNV: 0/9 phiếu đồng ý (0%), không đạt."),
])
def test_result_lines_of_the_minutes(tmp_path: Any, agree: int, disagree: int,
                                     line: str) -> None:
    from thidua_cli.documents import render
    from thidua_cli.documents.registry import get

    path = tmp_path / "plan.yaml"
    # Proposed only when it passed: the minutes of a plan with errors are not written.
    nominees = ["bnv"] if agree >= 8 else []
    path.write_text(plan_text({"bnv": (agree, disagree)}, nominees, meeting=True), "utf-8")
    (part,) = parts("bien-ban", path)
    text = render.markdown(get("bien-ban"), part.context, shipped_templates())
    assert line in text.splitlines()
    conclusion = "- Cờ thi đua của Chính phủ: " + (
        "Đơn vị BNV." if nominees else "không có đơn vị đủ điều kiện đề nghị.")
    assert conclusion in text.splitlines()


# ---------------------------------------------------------------- the rules as data


def test_shipped_threshold_has_its_source() -> None:
    rule = rule_for(FLAG, shipped())
    assert rule is not None
    assert rule.threshold == 80 and rule.of == "members" and rule.leads
    assert rule.source is not None and "98/2023/NĐ-CP" in rule.source
    assert rule.verified is False and rule.note is not None and "152/2025" in rule.note


def test_titles_match_whatever_the_case_spacing_and_normal_form() -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "CỜ THI ĐUA  của chính phủ")
    assert rule_for(decomposed, shipped()) is rule_for(FLAG, shipped())
    assert rule_for("Cờ thi đua Chính phủ", shipped()) is rule_for(FLAG, shipped())
    assert rule_for("Bằng khen của Bộ trưởng", shipped()) is None


def test_configuration_overrides_and_adds() -> None:
    rules = merged({FLAG: {"threshold": 90, "quota": 1},
                    "Bằng khen của Thủ tướng Chính phủ": {"threshold": 50.5, "of": "votes"}},
                   ".thidua.toml")
    flag = rule_for(FLAG, rules)
    assert flag is not None
    assert (flag.threshold, flag.quota, flag.of, flag.leads) == (90, 1, "members", True)
    assert flag.source == ".thidua.toml"  # no longer the decree's figure
    other = rule_for("Bằng khen của Thủ tướng Chính phủ", rules)
    assert other is not None and other.threshold == Fraction("50.5") and other.of == "votes"


# ---------------------------------------------------------------- property

THRESHOLDS = st.one_of(st.integers(1, 100).map(Fraction),
                       st.decimals("0.01", "100", places=2).map(lambda d: Fraction(str(d))))


@st.composite
def tallies(draw: st.DrawFn) -> tuple[int, int, int]:
    members = draw(st.integers(2, 200))
    agree = draw(st.integers(0, members))
    disagree = draw(st.integers(0, members - agree))
    return members, agree, disagree


@given(tallies(), THRESHOLDS, st.sampled_from(["members", "votes"]))
def test_a_result_never_contradicts_the_threshold(tally: tuple[int, int, int],
                                                  threshold: Fraction, of: str) -> None:
    members, agree, disagree = tally
    rule = AwardRule(FLAG, threshold=threshold, of=of)  # type: ignore[arg-type]
    judged = judge(agree, disagree, rule, members)
    base = members if of == "members" else agree + disagree
    assert judged.base == base
    assert judged.passed == (base > 0 and Fraction(agree, base) * 100 >= threshold)
    # The percentage printed beside the result agrees with it: cut, never rounded up.
    shown = percent(judged.share)
    assert (Fraction(str(shown)) >= threshold) is judged.passed


@given(tallies())
def test_documents_state_the_judged_result(tally: tuple[int, int, int]) -> None:
    members, agree, disagree = tally
    members = min(members, len(MEMBERS))
    agree, disagree = min(agree, members), 0
    disagree = members - agree if agree < members else 0
    plan = Plan.model_validate(_plan_data(members, agree, disagree))
    (line,) = award_lines(plan)
    (candidate,) = line["candidates"]
    passed = 100 * agree >= 80 * members
    assert candidate["votes"]["passed"] is passed
    assert candidate["votes"]["result"] == ("Đạt" if passed else "Không đạt")
    assert (candidate["votes"]["agree_percent"] >= 80) is passed


def _plan_data(members: int, agree: int, disagree: int) -> dict[str, Any]:
    import yaml  # type: ignore[import-untyped]

    text = plan_text({"bnv": (agree, disagree)}, ["bnv"], members=max(members, 2))
    data: dict[str, Any] = yaml.safe_load(textwrap.dedent(text))
    return data
