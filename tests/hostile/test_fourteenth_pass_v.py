"""Found by the fourteenth red-team pass on values and conditions: the vote's
thresholds, the bình xét meeting, awards, score sheets, the library and the language
server. Commands run as real processes, the library and the server as a script and a
client would call them.

The rows marked *held* are attacks that already failed: kept so that they keep failing.
"""

from __future__ import annotations

import json
import re
import threading
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from .common import ROOT, Run, no_traceback, thidua, unusable
from .test_lsp_hostile import END, INIT, answers, did_change, did_open, frame

VOTES = ROOT / "tests" / "plans" / "documents" / "plan-2022-votes.yaml"
FLAG = "Cờ thi đua của Chính phủ"
# The flag's award in the votes plan, up to its last tally.
FLAG_AWARD = ("members: [bnv]\n    note: Dẫn đầu Khối thi đua năm 2022.\n"
              "    # Every member votes once; ubdt, absent, voted in writing.\n"
              "    votes:\n      bnv: {agree: 9, disagree: 0}\n"
              "      lmhtxvn: {agree: 6, disagree: 3}")


def _plan(tmp_path: Path, *edits: tuple[str, str], name: str = "plan.yaml") -> Path:
    text = VOTES.read_text("utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    plan = tmp_path / name
    plan.write_text(text, "utf-8")
    return plan


def _line(plan: Path, needle: str, after: str | None = None) -> int:
    lines = plan.read_text("utf-8").splitlines()
    start = 0 if after is None else next(i for i, t in enumerate(lines) if after in t)
    return next(i for i, t in enumerate(lines) if i >= start and needle in t) + 1


def _codes(run: Run) -> list[str]:
    """The findings but the overdue warnings, which the votes plan has by its dates."""
    return [f for f in run.findings() if not f.startswith("TD204")]


def _bien_ban(plan: Path, *options: str) -> str:
    run = thidua("render", str(plan), "--doc", "bien-ban", "-f", "md", "-o", "-", *options)
    no_traceback(run)
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout


# --- the vote's threshold: two decimals, as the documents print it --------------------

def test_a_threshold_of_three_decimals_is_a_located_configuration_error(
        tmp_path: Path) -> None:
    """66.666 was taken: the minutes said "từ 66,67%" above "6/9, 66,66%, Đạt"."""
    plan = _plan(tmp_path, ("bnv: {agree: 9, disagree: 0}", "bnv: {agree: 6, disagree: 3}"))
    config = tmp_path / "c.toml"
    config.write_text(f'[awards."{FLAG}"]\nthreshold = 66.666\n', "utf-8")
    for command in (["lint"], ["render", "--doc", "bien-ban", "-f", "md", "-o", "-"]):
        run = thidua(*command[:1], "--config", str(config), str(plan), *command[1:])
        unusable(run, "c.toml:2:")
        assert "two decimals at most" in run.stderr


@pytest.mark.parametrize(("threshold", "passed"), [("77.77", True), ("77.78", False)],
                         ids=["reached", "missed by a hundredth"])
def test_held_a_share_at_the_threshold_is_printed_on_its_side(
        tmp_path: Path, threshold: str, passed: bool) -> None:
    """7 of 9 is 77.77...%: it reaches 77.77 and misses 77.78, and the minutes say so
    in figures that agree with the result."""
    plan = _plan(tmp_path, ("bnv: {agree: 9, disagree: 0}", "bnv: {agree: 7, disagree: 2}"))
    config = tmp_path / "c.toml"
    config.write_text(f'[awards."{FLAG}"]\nthreshold = {threshold}\n', "utf-8")
    lint = thidua("lint", "--config", str(config), str(plan))
    no_traceback(lint)
    assert ("TD601" in " ".join(_codes(lint))) is not passed
    if not passed:
        return
    text = _bien_ban(plan, "--config", str(config))
    assert "từ 77,77% tổng số thành viên Khối trở lên" in text
    assert "| Bộ Nội vụ | 7/9 | 77,77% | 2/9 | 22,22% | Đạt |" in text


# --- the bình xét meeting's date --------------------------------------------------------

@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1899-12-31"])
def test_a_meeting_date_outside_the_window_is_td205(tmp_path: Path, day: str) -> None:
    plan = _plan(tmp_path, ("date: 2022-12-15", f"date: {day}"))
    run = thidua("lint", "--select", "TD205", str(plan))
    no_traceback(run)
    assert run.returncode == 1
    assert _codes(run) == [f"TD205@{_line(plan, day)}"]


@pytest.mark.parametrize(("day", "found"), [
    ("2022-12-21", True),    # the day after the report
    ("2022-12-20", False),   # the report written on the meeting's day
    ("2022-11-30", False),
])
def test_a_meeting_after_the_year_end_report_is_td202(tmp_path: Path, day: str,
                                                      found: bool) -> None:
    """The report proposes the awards the meeting voted on, and prints their votes."""
    plan = _plan(tmp_path, ("date: 2022-12-15", f"date: {day}"))
    run = thidua("lint", str(plan))
    no_traceback(run)
    expected = [f"TD202@{_line(plan, day, after='meeting:')}"] if found else []
    assert _codes(run) == expected
    if found:
        assert "after the year-end report (2022-12-20)" in run.stdout


# --- an award that proposes nobody --------------------------------------------------------

@pytest.mark.parametrize(("award", "found"), [
    ("members: []", "TD607@members"),                              # no vote either
    ("note: proposed later", "TD607@title"),                       # members left out
    ("members: []\n    votes:\n      bnv: {agree: 9, disagree: 0}", "TD607@bnv"),  # passed
    ("members: []\n    votes:\n      bnv: {agree: 7, disagree: 2}", None),  # none passed
], ids=["empty", "left out", "a candidate passed", "all fell short"])
def test_an_award_proposing_nobody_is_td607_unless_its_vote_says_why(
        tmp_path: Path, award: str, found: str | None) -> None:
    """`members: []` linted clean, and the biên bản concluded "không có đơn vị đủ
    điều kiện đề nghị" beside no vote, or beside a candidate's "Đạt"."""
    plan = _plan(tmp_path, (FLAG_AWARD, award))
    run = thidua("lint", str(plan))
    no_traceback(run)
    assert run.returncode == 0  # a warning
    if found is None:
        assert _codes(run) == []
        assert "không có đơn vị đủ điều kiện đề nghị" in _bien_ban(plan)
        return
    code, needle = found.split("@")
    place = _line(plan, needle, after=FLAG) if needle != "title" else _line(plan, FLAG)
    assert _codes(run) == [f"{code}@{place}"]


@pytest.mark.parametrize("members", ['members: ["bad id!"]', "members: 5"])
def test_an_award_whose_members_do_not_fit_is_no_award_without_nominee(
        tmp_path: Path, members: str) -> None:
    """Read in part, the award lost its members: TD002 says why, and TD607 does not run."""
    plan = _plan(tmp_path, ("members: [bnv]", members))
    run = thidua("lint", str(plan))
    no_traceback(run)
    assert [f.split("@")[0] for f in _codes(run)] == ["TD002"]


# --- the same member twice, and one award under two titles ---------------------------------

@pytest.mark.parametrize(("old", "new", "needle"), [
    ("  head: lmhtxvn\n", "  head: lmhtxvn\n  deputies: [btc, btc]\n", "deputies:"),
    ("support: [vpcp]", "support: [vpcp, vpcp]", "support: [vpcp, vpcp]"),
    ("members: [bnv]", "members: [bnv, bnv]", "members: [bnv, bnv]"),
], ids=["deputies", "support", "award-members"])
def test_a_member_named_twice_in_a_list_of_ids_is_td105(tmp_path: Path, old: str, new: str,
                                                        needle: str) -> None:
    """Lint was silent; the plan printed "Khối phó: Bộ Tài chính, Bộ Tài chính", and an
    award's quota counted the nominee twice."""
    plan = _plan(tmp_path, (old, new))
    run = thidua("lint", "--select", "TD105,TD605", str(plan))
    no_traceback(run)
    assert _codes(run) == [f"TD105@{_line(plan, needle)}"]


def test_one_award_under_its_title_and_its_alias_is_held_to_one_quota(tmp_path: Path) -> None:
    """The flag proposed under its title (1 nominee) and again under its alias (2) was
    two awards within a quota of 1 each: a dossier over the quota, lint clean."""
    plan = _plan(tmp_path, ("- title: Bằng khen của Thủ tướng Chính phủ",
                            "- title: Cờ thi đua Chính phủ"))
    config = tmp_path / "c.toml"
    config.write_text(f'[awards."{FLAG}"]\nquota = 1\n', "utf-8")
    run = thidua("lint", "--config", str(config), "--select", "TD605", str(plan))
    no_traceback(run)
    # At the second entry's members, which pass the quota.
    second = _line(plan, "members:", after="- title: Cờ thi đua Chính phủ")
    assert _codes(run) == [f"TD605@{second}"]
    assert "3 nominees, above the quota of 1" in run.stdout
    config.write_text(f'[awards."{FLAG}"]\nquota = 3\n', "utf-8")
    assert _codes(thidua("lint", "--config", str(config), "--select", "TD605", str(plan))) == []


# --- ballots for a bloc too large to print them ---------------------------------------

def _large_bloc(tmp_path: Path, size: int) -> Path:
    ids = [f"m{i}" for i in range(size)]
    members = "\n".join(f"    - {{id: {m}, name: Thành viên {m}}}" for m in ids)
    plan = tmp_path / "large.yaml"
    plan.write_text(
        "version: 1\nyear: 2022\ntitle: Kế hoạch năm 2022\ntheme: Thi đua\n"
        f"bloc:\n  name: Khối thi đua lớn\n  head: m0\n  members:\n{members}\n"
        "objectives:\n  - {id: o1, text: Mục tiêu}\n"
        "tasks:\n  - {id: t1, title: Nhiệm vụ, objectives: [o1]}\n"
        f"awards:\n  - title: {FLAG}\n    members: [{', '.join(ids)}]\n", "utf-8")
    return plan


@pytest.mark.parametrize(("format", "size"), [("md", 3000), ("docx", 400)])
def test_ballots_too_large_to_print_are_refused_before_the_work(
        tmp_path: Path, format: str, size: int) -> None:
    """3,000 members voting on 3,000 candidates ran 15 s, then blamed the shipped
    template: "the template tried something the sandbox forbids"; a DOCX's XML gets
    there with 400."""
    out = tmp_path / f"ballots.{format}"
    run = thidua("render", str(_large_bloc(tmp_path, size)), "--doc", "phieu-bau",
                 "-f", format, "-o", str(out))
    unusable(run, f"the ballots would be {size} pages of {size} candidates each")
    assert "template" not in run.stderr
    assert not out.exists()


def test_held_the_ballots_of_a_large_bloc_are_printed(tmp_path: Path) -> None:
    run = thidua("render", str(_large_bloc(tmp_path, 120)), "--doc", "phieu-bau", "-f", "md",
                 "-o", "-")
    no_traceback(run)
    assert run.returncode == 0, run.stderr[-1000:]
    assert run.stdout.count("Phiếu số ") == 120 and "Phiếu số 120/120" in run.stdout


# --- invisible characters in an award's title ---------------------------------------------

@pytest.mark.parametrize("invisible", ["\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad"],
                         ids=["zwsp", "zwj", "word-joiner", "bom", "soft-hyphen"])
def test_an_invisible_character_in_the_title_does_not_escape_the_threshold(
        tmp_path: Path, invisible: str) -> None:
    """'Cờ thi đua\\u200b của Chính phủ' prints as the flag, but matched no award of the
    decree's: 5 votes of 9 linted clean."""
    title = f'"Cờ thi đua{invisible} của Chính phủ"'
    plan = _plan(tmp_path, (f"- title: {FLAG}", f"- title: {title}"),
                 ("bnv: {agree: 9, disagree: 0}", "bnv: {agree: 5, disagree: 4}"))
    run = thidua("lint", "--select", "TD601", str(plan))
    no_traceback(run)
    assert _codes(run) == [f"TD601@{_line(plan, 'members: [bnv]')}"]
    assert "below the 80% of all members" in run.stdout


# --- score sheets: a member's name XML cannot carry -------------------------------------

@pytest.mark.parametrize("character", ["\uffff", "\ufffe", "\u0085"])
def test_a_sheet_for_a_member_named_with_a_noncharacter_is_well_formed(
        tmp_path: Path, character: str) -> None:
    """The name went into the saved package raw: U+FFFF became `&#65535;`, a workbook
    no XML reader takes (`scores import` called its own sheet damaged)."""
    escaped = json.dumps(character)
    plan = _plan(tmp_path, ("name: Bộ Nội vụ", f'name: "Bộ Nội vụ {escaped[1:-1]}"'))
    run = thidua("scores", "sheets", str(plan), "-o", str(tmp_path / "sheets"))
    no_traceback(run)
    assert run.returncode == 0, run.stderr
    sheet = tmp_path / "sheets" / "bnv.xlsx"
    with zipfile.ZipFile(sheet) as package:
        for part in package.namelist():
            if part.endswith(".xml"):
                ElementTree.fromstring(package.read(part))  # raises when not well-formed
    import openpyxl

    book = openpyxl.load_workbook(sheet)
    ws = book.worksheets[0]
    assert ws["A3"].value == "Đơn vị: Bộ Nội vụ \ufffd"  # as every document prints it
    for cell, value in (("D7", 59), ("D8", 29), ("D9", 10)):
        ws[cell] = value
    book.save(sheet)
    run = thidua("scores", "import", str(plan), str(sheet))
    no_traceback(run)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "bnv: {nhiem-vu: {self: 59, final: 59}, phong-trao: {self: 29, final: 29}" \
        in plan.read_text("utf-8")


@pytest.mark.parametrize(("cell", "code"), [
    ('<c r="D7" t="e"><v>#DIV/0!</v></c>', "TD507"),
    ('<c r="D7" t="e"><v>#N/A</v></c>', "TD507"),
    ('<c r="D7"><v>1000000.01</v></c>', "TD505"),
    ('<c r="D7"><v>60.001</v></c>', "TD505"),
    ('<c r="D7" t="n"><f>5.1+4.2</f><v>9.3</v></c>', None),   # LibreOffice's 15 digits
    ('<c r="D7"><v>60</v></c>', None),
    ('<c r="D7"><v>1E-300</v></c>', "TD505"),
    ('<c r="D7" t="inlineStr"><is><t>٥٩</t></is></c>', "TD506"),          # Arabic-Indic
    ('<c r="D7" t="inlineStr"><is><t>５９</t></is></c>', "TD506"),          # full-width
    ('<c r="D7" t="inlineStr"><is><t>59 </t></is></c>', "TD506"),     # no-break space
], ids=["div0", "na", "past-the-limit", "three-decimals", "formula", "the-maximum", "tiny",
        "arabic-indic", "full-width", "nbsp"])
def test_held_odd_cells_in_a_filled_sheet(tmp_path: Path, cell: str, code: str | None) -> None:
    plan = _plan(tmp_path)
    run = thidua("scores", "sheets", str(plan), "-o", str(tmp_path / "sheets"))
    assert run.returncode == 0, run.stderr
    sheet = tmp_path / "sheets" / "bnv.xlsx"
    import openpyxl

    book = openpyxl.load_workbook(sheet)
    for ref, value in (("D7", 1), ("D8", 29), ("D9", 10), ("E8", "ệ" * 32767)):
        book.worksheets[0][ref] = value
    book.save(sheet)
    with zipfile.ZipFile(sheet) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    name = "xl/worksheets/sheet1.xml"
    parts[name], count = re.subn(rb'<c r="D7"[^>]*>.*?</c>', cell.encode(), parts[name])
    assert count == 1
    with zipfile.ZipFile(sheet, "w") as package:
        for part, body in parts.items():
            package.writestr(part, body)
    run = thidua("scores", "import", str(plan), str(sheet))
    no_traceback(run)
    if code is None:
        assert run.returncode == 0, run.stdout + run.stderr
        assert "ệ" * 32767 in plan.read_text("utf-8")  # the note, whole
    elif code == "TD506":  # a warning: the text is read as the number it shows
        assert run.returncode == 0 and "!D7: warning TD506 " in run.stderr, run.stderr
        assert "nhiem-vu: {self: 59, final: 59" in plan.read_text("utf-8")
    else:
        assert run.returncode == 1 and f"!D7: error {code} " in run.stderr, run.stderr
        assert plan.read_text("utf-8") == VOTES.read_text("utf-8")


# --- bounds of the schema through every command -----------------------------------------

@pytest.mark.parametrize(("old", "new", "finding"), [
    ("max_points: 60", "max_points: 1000000", None),
    ("max_points: 60", "max_points: 1000000.01", "TD002"),
    ("max_points: 60", "max_points: 999999.99", None),
    ("number: 15", "number: 999999", None),
    ("number: 15", "number: 1000000", "TD002"),
    ("name: Bộ Nội vụ", 'name: "Bộ Nội vụ' + "\\u0301" * 1000 + '"', None),
    ("name: Bộ Nội vụ", 'name: "Bộ Nội vụ \\ue000\\U000f0000\\u200d\\U0001fffe"', None),
], ids=["max-points-at-the-limit", "past-it", "two-decimals", "number-at-the-limit",
        "past-it", "1000-combining-marks", "private-use-and-joiners"])
def test_held_values_at_the_bounds(tmp_path: Path, old: str, new: str,
                                   finding: str | None) -> None:
    plan = _plan(tmp_path, (old, new))
    lint = thidua("lint", "--select", "TD002,TD302,TD307", str(plan))
    no_traceback(lint)
    if finding is not None:
        assert [f.split("@")[0] for f in _codes(lint)] == [finding]
        return
    assert lint.returncode == 0, lint.stdout
    for command in (["render", "-f", "docx", "-o", "p.docx"],
                    ["render", "--doc", "bien-ban", "-f", "docx", "-o", "b.docx"],
                    ["render", "--doc", "to-trinh", "-f", "md", "-o", "t.md"],
                    ["report", "-f", "json", "-o", "r.json", "--as-of", "2022-12-20"],
                    ["scores", "table", "-o", "s.xlsx"]):
        if command[0] == "scores":
            run = thidua("scores", "table", str(plan), *command[2:], cwd=tmp_path)
        else:
            run = thidua(command[0], str(plan), *command[1:], cwd=tmp_path)
        no_traceback(run)
        assert run.returncode == 0, (command, run.stderr[-2000:])
    for package in ("p.docx", "b.docx", "s.xlsx"):
        with zipfile.ZipFile(tmp_path / package) as archive:
            for part in archive.namelist():
                if part.endswith(".xml"):
                    ElementTree.fromstring(archive.read(part))


def test_held_characters_xml_cannot_carry_through_every_writer(tmp_path: Path) -> None:
    """U+FFFF and a C1 control in the title, the bloc's name, a criterion and the place:
    every package well-formed, U+FFFD where they were."""
    edits = []
    for old in ("title: Tổ chức phong trào thi đua, khen thưởng năm 2022 của Khối thi đua "
                "các bộ, ngành tổng hợp", "  name: Khối thi đua các bộ, ngành tổng hợp",
                "    title: Kết quả thực hiện nhiệm vụ chính trị được giao", "place: Hà Nội"):
        key, value = old.split(": ", 1)
        edits.append((old, f'{key}: "{value} \\uffff\\x85"'))
    plan = _plan(tmp_path, *edits)
    lint = thidua("lint", "--select", "TD406", str(plan))
    assert lint.returncode == 0 and len(_codes(lint)) == 4, lint.stdout + lint.stderr
    outputs = {"plan.docx": ["render", str(plan), "-o", "plan.docx"],
               "bb.docx": ["render", str(plan), "--doc", "bien-ban", "-o", "bb.docx"],
               "pb.docx": ["render", str(plan), "--doc", "phieu-bau", "-o", "pb.docx"],
               "report.docx": ["report", str(plan), "-o", "report.docx", "--as-of",
                               "2022-12-20"],
               "table.xlsx": ["scores", "table", str(plan), "-o", "table.xlsx"]}
    for name, command in outputs.items():
        run = thidua(*command, cwd=tmp_path)
        no_traceback(run)
        assert run.returncode == 0, (name, run.stderr[-1000:])
        with zipfile.ZipFile(tmp_path / name) as archive:
            xml = b"".join(archive.read(p) for p in archive.namelist() if p.endswith(".xml"))
            for part in archive.namelist():
                if part.endswith(".xml"):
                    ElementTree.fromstring(archive.read(part))
        assert "\ufffd".encode() in xml or b"&#65533;" in xml, name


def test_held_new_from_says_which_date_it_cannot_move(tmp_path: Path) -> None:
    """A plan of 2099 with a deadline in January 2100: moved to 2101, past the window."""
    text = re.sub(r"\b2022\b", "2099", VOTES.read_text("utf-8"))
    text = text.replace("due: 31/10/2099", "due: 15/1/2100", 1)
    plan = tmp_path / "p2099.yaml"
    plan.write_text(text, "utf-8")
    run = thidua("new", "p2100.yaml", "--from", str(plan), cwd=tmp_path)
    no_traceback(run)
    assert run.returncode == 1
    assert "error TD205 [date-out-of-range] 2101-01-15" in run.stderr
    assert not (tmp_path / "p2100.yaml").exists()


# --- the library ---------------------------------------------------------------------------

def test_new_plan_takes_last_years_plan_as_its_text() -> None:
    """It was read as a file's name: 'cannot be read: File name too long', the 14 KB
    text in the message."""
    import thidua_cli

    text = VOTES.read_text("utf-8")
    by_text = thidua_cli.new_plan(year=2023, source=text)
    by_path = thidua_cli.new_plan(year=2023, source=VOTES)
    assert by_text.ok and by_text.text == by_path.text
    broken = thidua_cli.new_plan(source=text.replace("due: 2022-11-30", "due: 9999-12-31"))
    assert not broken.ok and broken.source is not None
    assert [(f.path, f.code) for f in broken.source.findings if f.severity == "error"] == \
        [("-", "TD205")]
    with pytest.raises(thidua_cli.InputError) as caught:
        thidua_cli.new_plan(source=Path("a\nb.yaml"))  # a Path names a file
    assert caught.value.key == "input.not_found"


def test_held_lint_and_render_from_threads_at_once_are_independent(tmp_path: Path) -> None:
    import datetime

    import thidua_cli

    plans = {
        "clean": VOTES,
        "late": _plan(tmp_path, ("date: 2022-12-15", "date: 2022-12-28"), name="late.yaml"),
        "over": _plan(tmp_path, ("bnv: {agree: 9, disagree: 0}", "bnv: {agree: 9, disagree: 1}"),
                      name="over.yaml"),
        "empty": _plan(tmp_path, (FLAG_AWARD, "members: []"), name="empty.yaml"),
    }
    kinds = ("ke-hoach", "bien-ban", "to-trinh", "phieu-bau")
    day = datetime.date(2022, 12, 1)

    def lint(name: str, lang: str) -> list[tuple[str, int, str]]:
        found = thidua_cli.lint(plans[name], today=day, lang=lang).findings
        return [(f.code, f.line, f.message) for f in found]

    def render(kind: str, lang: str) -> str:
        return str(thidua_cli.render(VOTES, format="md", output="-", doc=kind, lang=lang))

    expected = {(n, lang): lint(n, lang) for n in plans for lang in ("en", "vi")}
    rendered = {(k, lang): render(k, lang) for k in kinds for lang in ("en", "vi")}
    assert "TD202" in [c for c, _, _ in expected["late", "en"]]
    assert "TD607" in [c for c, _, _ in expected["empty", "vi"]]
    wrong: list[str] = []

    def work(i: int) -> None:
        lang = ("en", "vi")[i % 2]
        for n in plans:
            if lint(n, lang) != expected[n, lang]:
                wrong.append(f"lint {n} {lang}")
        kind = kinds[i % len(kinds)]
        if render(kind, lang) != rendered[kind, lang]:
            wrong.append(f"render {kind} {lang}")

    threads = [threading.Thread(target=work, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert wrong == []


def test_held_two_configurations_from_threads_at_once_are_independent(tmp_path: Path) -> None:
    """Each call's own thresholds, however the calls interleave."""
    import datetime

    import thidua_cli

    text = VOTES.read_text("utf-8").replace("bnv: {agree: 9, disagree: 0}",
                                           "bnv: {agree: 6, disagree: 3}")
    configs: dict[str | None, str | None] = {"50": None, "90": None, None: None}
    for share in ("50", "90"):
        path = tmp_path / f"c{share}.toml"
        path.write_text(f'[awards."{FLAG}"]\nthreshold = {share}\n', "utf-8")
        configs[share] = str(path)

    def run(share: str | None) -> tuple[list[str], bool]:
        found = thidua_cli.lint(text, config=configs[share], today=datetime.date(2022, 6, 1))
        minutes = thidua_cli.render(thidua_cli.load(text), format="md", output="-",
                                    doc="bien-ban", config=configs[share])
        return [f.code for f in found.findings], f"cần đạt: từ {share or 80}%" in str(minutes)

    expected = {share: run(share) for share in configs}
    assert expected == {"50": ([], True), "90": (["TD601"], True), None: (["TD601"], True)}
    wrong: list[str | None] = []

    def work(i: int) -> None:
        share = list(configs)[i % 3]
        for _ in range(3):
            if run(share) != expected[share]:
                wrong.append(share)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(9)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert wrong == []


# --- the language server ---------------------------------------------------------------

URI = "file:///tmp/thidua-fourteenth-v/plan.yaml"


def _request(i: int, method: str, params: dict[str, object]) -> dict[str, object]:
    return {"jsonrpc": "2.0", "id": i, "method": method, "params": params}


def _note(method: str, params: object) -> dict[str, object]:
    return {"jsonrpc": "2.0", "method": method, "params": params}


def test_held_the_server_given_odd_positions_and_odd_documents(tmp_path: Path) -> None:
    """Positions past the end and inside surrogate pairs, documents closed twice,
    changes, saves and closes of documents never opened, configuration changes of
    every wrong type: every request answered, no error; the diagnostics carry the
    new findings (TD607, TD202)."""
    text = _plan(tmp_path, (FLAG_AWARD, "members: []"), ("date: 2022-12-15", "date: 2022-12-28"),
                 ("name: Bộ Nội vụ", "name: Bộ Nội vụ 😀\u0301\u0301 𝔘")).read_text("utf-8")
    lines = text.split("\n")
    row = next(i for i, t in enumerate(lines) if "😀" in t)
    doc = {"uri": URI}
    other = "file:///tmp/thidua-fourteenth-v/never.yaml"
    messages: list[dict[str, object]] = [INIT, _note("initialized", {}), did_open(URI, text)]
    spots = [(row, c) for c in range(0, len(lines[row]) + 8, 3)]
    spots += [(10**6, 0), (0, 10**6), (2**31 - 1, 2**31 - 1), (row, 2**31 - 1), (len(lines), 0)]
    ids = []
    for n, (line, character) in enumerate(spots):
        at = {"line": line, "character": character}
        for k, method in enumerate(("textDocument/hover", "textDocument/definition",
                                    "textDocument/completion", "textDocument/references",
                                    "textDocument/codeAction")):
            i = 1000 + 10 * n + k
            params: dict[str, object] = {"textDocument": doc, "position": at}
            if method.endswith("references"):
                params["context"] = {"includeDeclaration": True}
            if method.endswith("codeAction"):
                params = {"textDocument": doc, "range": {"start": at, "end": at},
                          "context": {"diagnostics": []}}
            messages.append(_request(i, method, params))
            ids.append(i)
    messages += [
        _note("workspace/didChangeConfiguration", {"settings": 5}),
        _note("workspace/didChangeConfiguration", {"settings": None}),
        _note("workspace/didChangeConfiguration", {"settings": {"thidua": {"lang": 5}}}),
        _note("workspace/didChangeConfiguration", 7),
        did_change(other, 2, [{"text": "year: 1"}]),
        did_change(other, 3, [{"range": {"start": {"line": 0, "character": 0},
                                         "end": {"line": 0, "character": 1}}, "text": "x"}]),
        _note("textDocument/didSave", {"textDocument": {"uri": other}}),
        _note("textDocument/didClose", {"textDocument": {"uri": other}}),
        _note("workspace/didChangeWatchedFiles",
              {"changes": [{"uri": "file:///nonexistent/.thidua.toml", "type": 2}]}),
        _request(1, "textDocument/documentSymbol", {"textDocument": doc}),
        _note("textDocument/didClose", {"textDocument": doc}),
        _note("textDocument/didClose", {"textDocument": doc}),
        _request(2, "textDocument/hover", {"textDocument": doc,
                                           "position": {"line": 0, "character": 0}}),
        _request(3, "textDocument/documentSymbol", {"textDocument": doc}),
        did_open(URI, text),
        _request(4, "textDocument/documentSymbol", {"textDocument": doc}),
        *END,
    ]
    run = thidua("lsp", stdin=b"".join(frame(m) for m in messages))
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr
    got = answers(run.stdout)
    assert [i for i in (*ids, 1, 2, 3, 4) if i not in got] == []
    assert [i for i, v in got.items() if isinstance(v, dict) and "code" in v] == []
    assert got[3] == [] and got[1] == got[4] and got[1]
    codes = set()
    for part in run.stdout.split("\r\n\r\n")[1:]:
        try:
            message, _ = json.JSONDecoder().raw_decode(part)
        except json.JSONDecodeError:
            continue
        if message.get("method") == "textDocument/publishDiagnostics" \
                and message["params"]["uri"] == URI:
            codes |= {d.get("code") for d in message["params"]["diagnostics"]}
    assert {"TD607", "TD202"} <= codes


def test_held_the_server_under_a_threshold_of_three_decimals(tmp_path: Path) -> None:
    """The configuration's error is shown to the user; the plan is linted all the same."""
    plan = _plan(tmp_path)
    (tmp_path / ".thidua.toml").write_text(f'[awards."{FLAG}"]\nthreshold = 66.666\n', "utf-8")
    uri = plan.as_uri()
    messages = [INIT, _note("initialized", {}), did_open(uri, plan.read_text("utf-8")),
                _request(5, "textDocument/documentSymbol", {"textDocument": {"uri": uri}}), *END]
    run = thidua("lsp", stdin=b"".join(frame(m) for m in messages), cwd=tmp_path)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr[-2000:]
    assert answers(run.stdout)[5]
    shown = []
    published = False
    for part in run.stdout.split("\r\n\r\n")[1:]:
        try:
            message, _ = json.JSONDecoder().raw_decode(part)
        except json.JSONDecodeError:
            continue
        if message.get("method") == "window/showMessage":
            shown.append(message["params"]["message"])
        published |= message.get("method") == "textDocument/publishDiagnostics"
    assert any(".thidua.toml:2:" in m and "two decimals at most" in m for m in shown), shown
    assert published
