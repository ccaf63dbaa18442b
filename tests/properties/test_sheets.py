"""Round trip of the scoring sheets on generated criteria trees (Hypothesis).

Random trees (up to three levels, points, bonus and penalty sections, maxima
with up to two decimals) and random scores: the plan's sheets are written,
filled programmatically as a member would, imported, and the plan's scores
are then exactly what was typed, to the hundredth, with the explanations.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from thidua_cli.lint.engine import LintOptions, lint_text
from thidua_cli.model import LeafScore
from thidua_cli.scoring.tree import build_tree
from thidua_cli.sheets.importer import run_import
from thidua_cli.sheets.writer import member_sheet

from ..sheets import fill

HUNDREDTHS = st.integers(1, 3000).map(lambda n: Decimal(n) / 100)
NOTES = st.none() | st.text(st.sampled_from("aăâbđêôơưáạảãàếệởữ .,-0123456789"),
                            min_size=1, max_size=20).map(str.strip).filter(bool)


@st.composite
def trees(draw: st.DrawFn) -> list[dict[str, Any]]:
    counter = iter(range(1, 10_000))

    def node(depth: int, kind: str | None) -> dict[str, Any]:
        n = next(counter)
        out: dict[str, Any] = {"id": f"c{n}", "title": f"Tiêu chí số {n}"}
        if kind is None:
            kind = draw(st.sampled_from(["points", "points", "bonus", "penalty"]))
            if kind != "points":
                out["kind"] = kind
        if depth < 3 and draw(st.booleans()):
            out["children"] = [node(depth + 1, kind)
                               for _ in range(draw(st.integers(1, 3)))]
            if kind != "points":  # a cap: what the children can add
                out["max_points"] = _num(sum((_max(c) for c in out["children"]),
                                             Decimal(0)))
        else:
            out["max_points"] = _num(draw(HUNDREDTHS))
        return out

    return [node(1, None) for _ in range(draw(st.integers(1, 3)))]


def _max(node: dict[str, Any]) -> Decimal:
    if "max_points" in node:
        return Decimal(str(node["max_points"]))
    return sum((_max(c) for c in node["children"]), Decimal(0))


def _num(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _plan_text(criteria: list[dict[str, Any]]) -> str:
    data = {
        "version": 1, "year": 2024, "title": "Kế hoạch thi đua năm 2024", "theme": "Thi đua",
        "bloc": {"name": "Khối thi đua thử nghiệm", "head": "btc",
                 "members": [{"id": "btc", "name": "Bộ Tài chính"},
                             {"id": "bnv", "name": "Bộ Nội vụ"}]},
        "objectives": [{"id": "o1", "text": "Hoàn thành nhiệm vụ"}],
        "tasks": [{"id": "t1", "title": "Nhiệm vụ", "objectives": ["o1"]}],
        "criteria": criteria,
    }
    out = io.StringIO()
    YAML(typ="safe", pure=True).dump(data, out)
    return "# kế hoạch thử\n" + out.getvalue()


@given(data=st.data(), criteria=trees())
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_sheets_round_trip(data: st.DataObject, criteria: list[dict[str, Any]]) -> None:
    text = _plan_text(criteria)
    result = lint_text(text, "plan.yaml", LintOptions())
    plan = result.plan
    assert plan is not None, result.findings
    tree = build_tree(plan.criteria)
    typed: dict[str, dict[str, tuple[Decimal | None, str | None]]] = {}
    with TemporaryDirectory() as folder:
        paths = []
        for member in plan.bloc.members:
            path = Path(folder) / f"{member.id}.xlsx"
            path.write_bytes(member_sheet(plan, tree, member))
            scores: dict[str, tuple[Decimal | None, str | None]] = {}
            for leaf in tree.leaves:
                top = int(leaf.max_points * 100)
                points = data.draw(st.integers(0, top).map(lambda n: Decimal(n) / 100))
                if leaf.kind != "points" and data.draw(st.booleans()):
                    continue  # no bonus, no deduction: the cell stays empty
                scores[leaf.id] = (points, data.draw(NOTES))
            fill(path, {k: _num(v) for k, (v, _) in scores.items() if v is not None},
                 {k: n for k, (_, n) in scores.items() if n is not None})
            typed[member.id] = scores
            paths.append(str(path))
        imported = run_import(plan, text, paths, field="self", lang="en")
    assert imported.findings == []
    assert imported.new_text is not None
    after = lint_text(imported.new_text, "plan.yaml", LintOptions())
    assert after.plan is not None, after.findings
    assert imported.new_text.startswith("# kế hoạch thử\n")
    for member, scores in typed.items():
        got = after.plan.scores.get(member, {})
        assert set(got) == set(scores)
        for leaf, (points, note) in scores.items():
            score = got[leaf]
            assert isinstance(score, LeafScore)
            assert score.self_score is not None
            assert Decimal(repr(score.self_score)) == points
            assert score.final is None and score.note == note
