"""Hover, completion, definitions, references and the outline, on the example plan."""

from __future__ import annotations

import pytest
import pytest_asyncio
from lsprotocol import types

from .conftest import Editor, example, position
from .mistakes import SCORED

pytestmark = pytest.mark.asyncio(loop_scope="module")

AWARDS = "awards:\n  - title: Cờ thi đua của Chính phủ\n    members: [ubdt]\n"
SCORES_BLOCK = "scores:\n  lmhtxvn:\n    tuyen-truyen: 9\n"
IGNORED = "version: 1  # thidua: ignore[TD204]\n"
PLAN = example().replace("version: 1\n", IGNORED) + SCORED.replace(
    "scores:\n  lmhtxvn: {tuyen-truyen: 9}\n", SCORES_BLOCK) + AWARDS
NAMES = ["Văn phòng Chủ tịch nước", "Văn phòng Chính phủ", "Văn phòng Quốc hội", "Bộ Tài chính",
         "Bộ Nội vụ", "Bộ Kế hoạch và Đầu tư", "Ngân hàng Nhà nước Việt Nam", "Ủy ban Dân tộc",
         "Liên minh Hợp tác xã Việt Nam"]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def plan(editor: Editor) -> str:
    found = await editor.open("plan.yaml", PLAN)
    # TD900: the ignore comment (there to hover); TD303: only lmhtxvn has scores.
    assert sorted(d.code for d in found) == ["TD303"] * 8 + ["TD900"]
    return editor.uri("plan.yaml")


def doc(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri)


HOVERS = [
    ("head: lmhtxvn", 8, "**Liên minh Hợp tác xã Việt Nam** (LMHTXVN)\n\nmember `lmhtxvn`"),
    ("host: bnv", 7, "**Bộ Nội vụ** (BNV)\n\nmember `bnv`"),
    ("members: [ubdt]", 11, "**Ủy ban Dân tộc** (UBDT)\n\nmember `ubdt`"),
    ("  lmhtxvn:\n    tuyen", 3, "**Liên minh Hợp tác xã Việt Nam** (LMHTXVN)\n\nmember `lmhtxvn`"),
    ("    tuyen-truyen: 9", 6,
     "**Công tác tuyên truyền** — at most 10 points\n\ncriterion `tuyen-truyen`"),
    ("basis: [ct-34-tw", 10, "**34-CT/TW 2014-04-07** — Bộ Chính trị\n\n"
     "về tiếp tục đổi mới công tác thi đua, khen thưởng\n\nlegal basis `ct-34-tw`"),
    ("- id: phoi-hop-kiem-tra", 9, "Phối hợp kiểm tra, khảo sát, trao đổi kinh nghiệm,"),
    ("date: 2022-04-26", 8, "ngày 26 tháng 4 năm 2022 (Tuesday)"),
    ("date: 2014-04-07", 6, "ngày 07 tháng 4 năm 2014 (Monday)"),
    ("theme:", 1, "Chủ đề thi đua — Theme of the movement (chủ đề thi đua)"),
    ("  head:", 3, "Mã thành viên khối trưởng — Member id of the bloc head (khối trưởng)"),
    ("    status: done", 6, "Trạng thái: planned, in_progress, done hoặc cancelled — planned,"),
    ("ignore[TD204]", 9, "### TD204 overdue\n\nSeverity: **warning**."),
]


@pytest.mark.parametrize(("needle", "shift", "expected"), HOVERS,
                         ids=[h[0].split("\n")[0] for h in HOVERS])
async def test_hover(editor: Editor, plan: str, needle: str, shift: int, expected: str) -> None:
    hover = await editor.client.text_document_hover_async(
        types.HoverParams(doc(plan), position(PLAN, needle, shift)))
    assert hover is not None
    assert isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.value.startswith(expected), hover.contents.value


async def test_no_hover_on_plain_text(editor: Editor, plan: str) -> None:
    assert await editor.client.text_document_hover_async(
        types.HoverParams(doc(plan), position(PLAN, "Giải thể thao", 2))) is None


async def complete(editor: Editor, text: str, at: types.Position,
                   ) -> list[types.CompletionItem]:
    """Completion at ``at`` in ``text``, opened as edit.yaml."""
    await editor.change("edit.yaml", text)
    found = await editor.client.text_document_completion_async(types.CompletionParams(
        doc(editor.uri("edit.yaml")), at))
    assert isinstance(found, types.CompletionList)
    return list(found.items)


def inserted(items: list[types.CompletionItem]) -> dict[str, str]:
    out = {}
    for item in items:
        assert isinstance(item.text_edit, types.TextEdit)
        out[item.label] = item.text_edit.new_text
    return out


MEMBERS = dict(zip(NAMES, ["vpctn", "vpcp", "vpqh", "btc", "bnv", "bkhdt", "nhnn", "ubdt",
                           "lmhtxvn"], strict=True))
OBJECTIVE_IDS = ["phoi-hop-phong-trao", "phoi-hop-kiem-tra"]

# (text in the plan, what it becomes with "|" for the cursor, what completion inserts)
COMPLETIONS = [
    ("  head: lmhtxvn", "  head: l|", MEMBERS),
    ("  head: lmhtxvn\n", "  head: lmhtxvn\n  deputies: [btc, |\n", MEMBERS),
    ("    host: bnv\n", "    host: |\n", MEMBERS),
    ("members: [ubdt]", "members: [ubdt, |", MEMBERS),
    ("    lead: all\n    status: planned\n\n  - id: hoan-thanh-nhiem-vu",
     "    lead: all\n    support:\n      - |\n    status: planned\n\n"
     "  - id: hoan-thanh-nhiem-vu", MEMBERS),
    ("  lmhtxvn:\n    tuyen", "  lmhtxvn:\n    tuyen-truyen: 9\n  b|\n    tuyen",
     {name: f"{id_}:" for name, id_ in MEMBERS.items()}),
    ("  lmhtxvn:\n", "  lmhtxvn:\n  b|tc:\n", MEMBERS),
    ("    tuyen-truyen: 9", "    tuyen-truyen: 9\n    t|",
     {"Công tác tuyên truyền": "tuyen-truyen: "}),
]


@pytest.mark.parametrize(("old", "new", "expected"), COMPLETIONS,
                         ids=[c[1].split("|")[0].split("\n")[-1].strip() for c in COMPLETIONS])
async def test_completion_of_ids(editor: Editor, old: str, new: str,
                                 expected: dict[str, str]) -> None:
    marked = PLAN.replace(old, new, 1)
    text = marked.replace("|", "")
    items = await complete(editor, text, position(text, text, marked.index("|")))
    assert {k: v for k, v in inserted(items).items() if k in expected} == expected


async def test_completion_of_lead_offers_all_first(editor: Editor) -> None:
    text = PLAN.replace("    lead: all", "    lead: ", 1)
    items = await complete(editor, text, position(text, "    lead: ", 10))
    assert list(inserted(items).values()) == ["all", *MEMBERS.values()]


async def test_completion_of_objectives_and_basis(editor: Editor) -> None:
    text = PLAN.replace("objectives: [phoi-hop-phong-trao]\n    basis: [ct-34-tw, ct-07-ttg]",
                        "objectives: [\n    basis: [ct-34-tw, ct-07-ttg]", 1)
    items = await complete(editor, text, position(text, "objectives: [", 13))
    assert [inserted(items)[i.label] for i in items] == OBJECTIVE_IDS
    assert items[0].label.startswith("Phối hợp tổ chức phong trào thi đua của Khối")
    items = await complete(editor, PLAN, position(PLAN, "basis: [ct-34-tw, ", 18))
    assert list(inserted(items).values()) == ["ct-34-tw", "ct-07-ttg"]
    assert [i.label for i in items] == ["34-CT/TW", "07/CT-TTg"]


async def test_completion_of_statuses(editor: Editor) -> None:
    text = PLAN.replace("status: done", "status: d")
    items = await complete(editor, text, position(text, "status: d", 9))
    assert list(inserted(items).values()) == ["planned", "in_progress", "done", "cancelled"]


async def test_completion_of_keys_from_the_schema(editor: Editor) -> None:
    text = PLAN.replace("    host: bnv\n", "    host: bnv\n    pl\n")
    items = await complete(editor, text, position(text, "    pl\n", 6))
    keys = inserted(items)
    # The activity's keys the schema allows, without those it has (id, title, host, status).
    assert list(keys) == ["date", "month", "place", "result"]
    assert keys["place"] == "place: "
    assert items[2].documentation is not None
    text = text.replace("bloc:\n", "bloc:\n  \n", 1)
    items = await complete(editor, text, position(text, "bloc:\n  \n", 8))
    assert list(inserted(items)) == ["deputies"]


async def test_completion_while_the_file_does_not_parse(editor: Editor) -> None:
    await editor.change("edit.yaml", PLAN)
    broken = PLAN.replace("    host: bnv\n", "    host: \n    place: [unclosed\n")
    found = await editor.change("edit.yaml", broken)
    assert [d.code for d in found] == ["TD001"]
    items = await editor.client.text_document_completion_async(types.CompletionParams(
        doc(editor.uri("edit.yaml")), position(broken, "    host: \n", 10)))
    assert isinstance(items, types.CompletionList)
    assert inserted(list(items.items)) == MEMBERS


async def test_definition_of_a_member(editor: Editor, plan: str) -> None:
    found = await editor.client.text_document_definition_async(types.DefinitionParams(
        doc(plan), position(PLAN, "host: bnv", 7)))
    assert isinstance(found, types.Location)
    assert found.uri == plan
    assert found.range == types.Range(position(PLAN, "- id: bnv", 6),
                                      position(PLAN, "- id: bnv", 9))


async def test_definition_of_an_objective_and_a_criterion(editor: Editor, plan: str) -> None:
    found = await editor.client.text_document_definition_async(types.DefinitionParams(
        doc(plan), position(PLAN, "[phoi-hop-phong-trao, phoi-hop-kiem-tra]", 25)))
    assert isinstance(found, types.Location)
    assert found.range.start == position(PLAN, "- id: phoi-hop-kiem-tra", 6)
    found = await editor.client.text_document_definition_async(types.DefinitionParams(
        doc(plan), position(PLAN, "    tuyen-truyen: 9", 5)))
    assert isinstance(found, types.Location)
    assert found.range.start == position(PLAN, "{id: tuyen-truyen", 5)


async def test_references_of_a_member(editor: Editor, plan: str) -> None:
    found = await editor.client.text_document_references_async(types.ReferenceParams(
        text_document=doc(plan), position=position(PLAN, "- id: lmhtxvn", 8),
        context=types.ReferenceContext(include_declaration=True)))
    assert found is not None
    assert [r.range.start for r in found] == [
        position(PLAN, "- id: lmhtxvn", 6), position(PLAN, "head: lmhtxvn", 6),
        position(PLAN, "host: lmhtxvn", 6), position(PLAN, "  lmhtxvn:\n    tuyen", 2)]


async def test_references_of_an_objective(editor: Editor, plan: str) -> None:
    found = await editor.client.text_document_references_async(types.ReferenceParams(
        text_document=doc(plan), position=position(PLAN, "- id: phoi-hop-kiem-tra", 8),
        context=types.ReferenceContext(include_declaration=False)))
    assert found is not None
    assert [r.range.start for r in found] == [
        position(PLAN, "[phoi-hop-phong-trao, phoi-hop-kiem-tra]", 22, nth=0),
        position(PLAN, "[phoi-hop-phong-trao, phoi-hop-kiem-tra]", 22, nth=1)]


async def test_outline(editor: Editor, plan: str) -> None:
    found = await editor.client.text_document_document_symbol_async(
        types.DocumentSymbolParams(doc(plan)))
    assert found is not None
    symbols = [s for s in found if isinstance(s, types.DocumentSymbol)]
    assert [(s.name, s.detail) for s in symbols] == [
        ("document", "LIÊN MINH HỢP TÁC XÃ VIỆT NAM"),
        ("bloc", "Khối thi đua các bộ, ngành tổng hợp"),
        ("basis", None), ("objectives", None), ("tasks", None), ("events", None),
        ("criteria", None), ("awards", None)]
    bloc, tasks = symbols[1], symbols[4]
    assert [c.name for c in bloc.children or []] == NAMES
    assert [c.detail for c in tasks.children or []][:2] == [
        "tuyen-truyen-quan-triet", "hoan-thanh-nhiem-vu"]
    assert (tasks.children or [])[1].name.startswith("Thi đua hoàn thành xuất sắc nhiệm vụ")
    for s in symbols:
        for child in s.children or []:
            assert s.range.start <= child.range.start and child.range.end <= s.range.end
