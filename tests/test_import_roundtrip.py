"""The round trip: every plan ``thidua render`` writes imports back to the same plan.

"The same plan" is everything the document prints, compared after the
renderer's own text rule (``render.context.clean``): ids are generated
anew, and what a kế hoạch does not print (statuses, results, scores, short
names, which task serves which objective) cannot come back. Names are
compared through the ids they resolve to, so a lead must name the same member.

The plans are the example files (``tests/plans/valid/``, ``plans/``) and
Hypothesis plans whose texts are made of words: a document cannot tell
``của A B`` apart where A and B are arbitrary strings, so the property is
stated for text a secretariat writes (words, commas, digits, ``&``, ``<``,
braces) and issuers of bases drawn from the bodies thidua knows.
"""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua_cli.importer import import_docx
from thidua_cli.importer.citation import known_issuers
from thidua_cli.kinds import kind_of
from thidua_cli.lint.engine import LintOptions, lint_file, lint_text
from thidua_cli.model import ALL, Plan
from thidua_cli.render import citation
from thidua_cli.render.context import build_context, clean
from thidua_cli.render.docx import render_docx

from .conftest import ROOT
from .rendering import shipped
from .strategies import NEVER_OVERDUE, dump, plans

# A criteria tree (sections, bonus and penalty) prints as a numbered, indented
# appendix that the importer does not read back yet: it reads a flat criteria
# table. Strict, so the test says so the day it does.
NESTED = pytest.mark.xfail(strict=True, reason="the importer reads a flat criteria "
                           "appendix, not a numbered tree (sections, bonus, penalty)")
EXAMPLES = [pytest.param(p, marks=NESTED) if p.name == "scoring-tree.yaml" else p
            for p in sorted((ROOT / "tests" / "plans" / "valid").glob("*.yaml"))
            + sorted((ROOT / "plans").glob("*.yaml"))]


def printed(plan: Plan) -> dict[str, Any]:
    """What the rendered document says about ``plan``, ids replaced by names."""
    names = {m.id: clean(m.name) for m in plan.bloc.members}

    def who(ref: str) -> str:
        return ALL if ref == ALL else names[ref]

    doc = plan.document
    document = None
    if doc is not None:
        signer = None
        if doc.signer is not None:
            # One or several lines (TM. ... over KT. ...), as the document prints them.
            authority = [clean(a).upper() for a in doc.signer.authority_lines()]
            signer = (authority or None,
                      clean(doc.signer.position).upper(), clean(doc.signer.name))
        document = {"parent": clean(doc.parent).upper() if doc.parent else None,
                    "issuer": clean(doc.issuer).upper(), "number": doc.number,
                    "symbol": clean(doc.symbol), "place": clean(doc.place), "date": doc.date,
                    "signer": signer, "recipients": [clean(r) for r in doc.recipients]}
    return {
        "year": plan.year, "title": clean(plan.title), "theme": clean(plan.theme),
        "document": document,
        "bloc": (clean(plan.bloc.name), who(plan.bloc.head),
                 [who(d) for d in plan.bloc.deputies], sorted(names.values())),
        # A basis as the document cites it ("Chỉ thị số 1-CT/TTg ngày ... của ... về
        # ..."): a title in upper case is joined with "về", which is then part of it.
        "basis": [citation.cite(kind_of(clean(b.number), clean(b.title), b.kind),
                                clean(b.number), b.date, clean(b.issuer), clean(b.title))
                  for b in plan.basis],
        "objectives": [clean(o.text) for o in plan.objectives],
        "tasks": [(clean(t.title), [clean(d) for d in t.detail_list()], who(t.lead),
                   [who(s) for s in t.support], t.due) for t in plan.tasks],
        "events": [(clean(e.title), e.date, e.month, who(e.host) if e.host else None,
                    clean(e.place) if e.place else None) for e in plan.events],
        "criteria": [(clean(c.title), c.max_points) for c in plan.criteria],
    }


def round_trip(plan: Plan, folder: Path) -> Plan:
    docx = folder / "plan.docx"
    docx.write_bytes(render_docx(build_context(plan), shipped()))
    imported = import_docx(str(docx), out_name=str(folder / "plan.yaml"),
                           options=LintOptions(today=NEVER_OVERDUE))
    errors = [f for f in imported.lint.findings if f.severity == "error"]
    assert errors == [], imported.text
    again = lint_text(imported.text, "plan.yaml", LintOptions(today=NEVER_OVERDUE)).plan
    assert again is not None
    return again


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: getattr(p, "name", None))
def test_an_example_plan_comes_back_from_its_document(path: Path, tmp_path: Path) -> None:
    plan = lint_file(str(path), LintOptions()).plan
    assert plan is not None
    assert printed(round_trip(plan, tmp_path)) == printed(plan)


_WORDS = ("thi", "đua", "khen", "thưởng", "Khối", "nhiệm", "vụ", "năm", "Bộ", "Ủy",
          "ban", "hòa", "thuỷ", "Đảng", "tuyên", "truyền", "điển", "hình", "tiên", "tiến",
          "&", "<b>", "{{", "}}", "A&B", "2022", "05", "số", "phong", "trào", "Việt", "Nam",
          "xây", "dựng", "Hà", "Nội", "Lê", "Văn", "Nghị", "quản", "lý", "nhà", "nước")


def _words(parts: int, *, commas: bool) -> st.SearchStrategy[str]:
    word = st.sampled_from(_WORDS)
    joiner = st.sampled_from([" ", ", "]) if commas else st.just(" ")

    def join(first: str, rest: list[tuple[str, str]]) -> str:
        return first[:1].upper() + first[1:] + "".join(j + w for j, w in rest)

    return st.builds(join, st.sampled_from(["Tổ", "Phối", "Đẩy", "Bộ", "Văn", "Hội"]),
                     st.lists(st.tuples(joiner, word), min_size=1, max_size=parts + 2))


def texts(parts: int = 5) -> st.SearchStrategy[str]:
    return _words(parts, commas=True)


def names(parts: int = 5) -> st.SearchStrategy[str]:
    return _words(parts, commas=False)


AUTHORITIES = st.sampled_from(["KT. CHỦ TỊCH", "TM. BAN CHẤP HÀNH", "Q. VỤ TRƯỞNG"])


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(plans(texts=texts, names=names, issuers=st.sampled_from(known_issuers()),
             authorities=AUTHORITIES))
def test_a_generated_plan_comes_back_from_its_document(data: dict[str, Any]) -> None:
    plan = lint_text(dump(data), "plan.yaml", LintOptions(today=NEVER_OVERDUE)).plan
    assert plan is not None
    with tempfile.TemporaryDirectory() as work:
        assert printed(round_trip(plan, Path(work))) == printed(plan)


def test_two_tasks_of_the_same_title_keep_their_own_rows(tmp_path: Path) -> None:
    # Found by the property above: the second row's deadline went to both tasks.
    data = {"version": 1, "year": 1990, "title": "Tổ thi", "theme": "Tổ thi",
            "bloc": {"name": "Tổ thi", "head": "m", "deputies": [],
                     "members": [{"id": "m", "name": "Tổ thi"},
                                 {"id": "0", "name": "Tổ thi thi"}]},
            "objectives": [{"id": "00", "text": "Tổ thi"}],
            "tasks": [{"id": "0", "title": "Tổ thi", "lead": "all", "status": "planned",
                       "objectives": ["00"]},
                      {"id": "00", "title": "Tổ thi", "lead": "all", "due": "1990-01-01",
                       "status": "planned"}]}
    plan = lint_text(dump(data), "plan.yaml", LintOptions(today=NEVER_OVERDUE)).plan
    assert plan is not None
    back = round_trip(plan, tmp_path)
    assert [t.due for t in back.tasks] == [None, datetime.date(1990, 1, 1)]
