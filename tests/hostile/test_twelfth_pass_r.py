"""Found by the twelfth red-team pass on what thidua reads and runs, each as a real process.

Beside the defects (bidi controls without a finding, templates widening a text
through filters and ``%`` without bound), the rows marked *held* are attacks
that already failed: kept so that they keep failing.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .common import ROOT, Run, no_traceback, thidua, unusable
from .test_eleventh_pass_c import render_with
from .test_lsp_hostile import END, INIT, answers, did_change, did_open, frame

SCORING = ROOT / "tests" / "plans" / "valid" / "scoring.yaml"
PLAN = ROOT / "plans" / "plan-2022.yaml"


# --- bidi controls (TD406) ------------------------------------------------------------

BIDI = {
    "RLO in a member's name": ("name: Bộ Tài chính", 'name: "Bộ Tài \\u202echính"', "U+202E"),
    "LRE in a member's name": ("name: Bộ Tài chính", 'name: "Bộ Tài \\u202achính"', "U+202A"),
    "PDF": ("name: Bộ Tài chính", 'name: "Bộ Tài \\u202cchính"', "U+202C"),
    "RLI in a task title": ("title: Tổ chức", 'title: "\\u2067Tổ chức', "U+2067"),
    "PDI": ("title: Tổ chức", 'title: "\\u2069Tổ chức', "U+2069"),
    "LRM raw": ("name: Bộ Tài chính", "name: Bộ Tài\u200e chính", "U+200E"),
    "RLM raw": ("name: Bộ Tài chính", "name: Bộ Tài\u200f chính", "U+200F"),
    "ALM": ("name: Bộ Tài chính", 'name: "Bộ Tài \\u061cchính"', "U+061C"),
}


def _plan_with(tmp_path: Path, old: str, new: str) -> Path:
    text = SCORING.read_text("utf-8")
    assert old in text
    if new.startswith('title: "'):
        # close the quote at the end of that line
        start = text.index(old)
        end = text.index("\n", start)
        text = text[:start] + new + text[start + len(old):end] + '"' + text[end:]
    else:
        text = text.replace(old, new, 1)
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, "utf-8")
    return plan


@pytest.mark.parametrize("case", BIDI, ids=list(BIDI))
def test_a_bidi_control_is_a_located_warning(case: str, tmp_path: Path) -> None:
    # Each was kept as written, no finding: the printed name read otherwise.
    old, new, char = BIDI[case]
    plan = _plan_with(tmp_path, old, new)
    line = plan.read_text("utf-8")[:plan.read_text("utf-8").index(new)].count("\n") + 1
    for lang, words in (("en", "bidi control"), ("vi", "điều khiển hướng chữ")):
        run = thidua("lint", "--lang", lang, str(plan))
        no_traceback(run)
        assert run.returncode == 0, run.stdout + run.stderr  # a warning
        assert f"TD406@{line}" in run.findings(), run.stdout
        (found,) = [s for s in run.stdout.splitlines() if "TD406" in s]
        assert char in found and words in found, found
        assert f":{line}:" in found


def test_bidi_warnings_in_json_name_the_character_escaped(tmp_path: Path) -> None:
    plan = _plan_with(tmp_path, "name: Bộ Tài chính", 'name: "Bộ \\u202eTài chính \\u202c"')
    run = thidua("lint", "-f", "json", str(plan))
    assert run.returncode == 0
    assert "\u202e" not in run.stdout
    assert "2 bidi controls, the first U+202E RIGHT-TO-LEFT OVERRIDE" in run.stdout


def test_held_vietnamese_and_zero_width_characters_are_no_bidi(tmp_path: Path) -> None:
    plan = _plan_with(tmp_path, "name: Bộ Tài chính",
                      'name: "Bộ Tài chính\\u200b\\u200d\\u2028 ơ ư đ ạ 😀"')
    run = thidua("lint", str(plan))
    no_traceback(run)
    assert "TD406" not in run.stdout, run.stdout


# --- templates: filters and operators that widen a text --------------------------------

WIDENING = {
    # each built its text (a gigabyte) or ran until memory ran out
    "center filter": ("{{ 'x' | center(1000000000) | length }}", "center()"),
    "center width=": ("{{ 'x' | center(width=1000000000) | length }}", "center()"),
    "% star width": ("{{ ('%*s' % (1000000000, 'x')) | length }}", "% width or precision"),
    "% precision": ("{{ ('%.1000000000f' % 1) | length }}", "% width or precision"),
    "% width": ("{{ ('%1000000000d' % 1) | length }}", "% width or precision"),
    "% named": ("{{ ('%(a)1000000000s' % {'a': 1}) | length }}", "% width or precision"),
    "format filter": ("{{ '%1000000000s' | format('x') | length }}", "% width or precision"),
    "str.format width": ("{{ '{:>1000000000}'.format('x') | length }}", "format()"),
    "str.format precision": ("{{ '{:.1000000000f}'.format(1) | length }}", "format()"),
    "str.format nested": ("{{ '{:>{w}}'.format('x', w=1000000000) | length }}", "format()"),
    "str.format nested index": ("{{ '{0:{1}}'.format('x', 1000000000) | length }}", "format()"),
    "str.format_map": ("{{ '{a:>1000000000}'.format_map({'a': 1}) | length }}", "format()"),
    "indent": ("{{ 'x\\nx' | indent(1000000000) | length }}", "indent()"),
    "indent by a text": ("{{ ('x\\n' * 100000) | indent('y' * 100000) | length }}", "indent()"),
    "wordwrap wrapstring": ("{{ ('x ' * 500000) | wordwrap(1, wrapstring='y' * 100000) | length }}",
                            "wordwrap()"),
    "join separator": ("{{ range(100000) | join('x' * 1000000) | length }}", "join()"),
    "join of a generator": ("{{ ('x' * 1000000).join(range(100000) | map('string')) | length }}",
                            "join()"),
    "replace chained": ("{{ ('x' * 1000) | replace('x', 'x' * 1000) | replace('x', 'x' * 1000)"
                        " | length }}", "replace()"),
    "str.replace chained": ("{{ ('x' * 1000).replace('x', 'x' * 1000).replace('x', 'x' * 1000)"
                            " | length }}", "replace()"),
    "list of long texts": ("{{ ([('x' * 1000000)] * 1000000) | string | length }}",
                           "repeating a list of long texts"),
    "batch fill": ("{{ range(10) | batch(1000000000, 'x') | list | length }}", "batch()"),
    "slice": ("{{ range(10) | slice(1000000000) | list | length }}", "slice()"),
    "+ doubling": ("{% set a = 'x' * 1000000 %}" + "{% set a = a + a %}" * 8 + "{{ a | length }}",
                   "adding texts"),
    "~ doubling": ("{% set a = 'x' * 1000000 %}" + "{% set a = a ~ a %}" * 8 + "{{ a | length }}",
                   "joining texts with ~"),
    "~ of one text many times": ("{% set a = 'x' * 1000000 %}{{ (a" + " ~ a" * 200
                                 + ") | length }}", "joining texts with ~"),
    "nested loops writing": ("{% for i in range(100000) %}{% for j in range(100000) %}"
                             "xxxxxxxxxx{% endfor %}{% endfor %}", "wrote more than 100,000,000"),
}


@pytest.mark.parametrize("case", WIDENING, ids=list(WIDENING))
def test_templates_cannot_widen_a_text_through_filters_or_formats(case: str,
                                                                  tmp_path: Path) -> None:
    template, message = WIDENING[case]
    run = render_with(template, tmp_path)
    unusable(run, message)
    assert "sandbox forbids" in run.stderr and "plan.md.j2" in run.stderr
    assert not (tmp_path / "out.md").exists()
    assert run.max_rss_mb < 600, run.max_rss_mb


def test_held_small_widths_formats_and_joins_still_render(tmp_path: Path) -> None:
    run = render_with(
        "[{{ ('ab' | center(6)) | length }}][{{ ('%5.2f|%-4s|%%' % (3.14159, 'ab')) | length }}]"
        "[{{ '{:>6}|{:.3f}|{!r}|{:,}'.format('ab', 2.5, 'q', 50000000) }}]"
        "[{{ '{:>{w}}|{:{f}^{w2}}'.format('x', 'y', w=3, f='*', w2=5) }}]"
        "[{{ 'a\\nb' | indent(2) }}][{{ [1, 2] | join('; ') }}][{{ 'aXb' | replace('X', '--') }}]"
        "[{{ '%s-%s' | format(1, 2) }}][{{ 7 % 4 }}][{{ 1 + 2 }}][{{ ([1] + [2]) | length }}]"
        "[{{ 'x' | truncate(1000000000) }}][{{ range(4) | batch(2) | list | length }}]"
        "[{{ ('ab' * 400000) | length }}][{{ 'a b c' | wordwrap(1, wrapstring='/') }}]"
        "[{{ 'a' ~ 1 ~ none }}]\n",
        tmp_path)
    assert run.returncode == 0, run.stderr
    out = (tmp_path / "out.md").read_text("utf-8")
    for part in ("[6][12]", "2.500", "50,000,000", "1; 2", "a--b", "1-2",
                 "[3][3][2]", "[x][2][800000]", "a/b/c", "[a1None]"):
        assert part in out, (part, out)


# --- plans: YAML merges of what is no mapping ------------------------------------------

MERGES = {
    # each was dropped without a word: exit 0, "no problems"
    "a number": ("      <<: 5\n", ["TD001@13"]),
    "a text": ("      <<: text\n", ["TD001@13"]),
    "null": ("      <<:\n", ["TD001@13"]),
    "a list of texts": ("      <<: [a, {x: 1}, [b]]\n", ["TD001@13", "TD002@13", "TD001@13"]),
}


@pytest.mark.parametrize("case", MERGES, ids=list(MERGES))
def test_a_merge_of_what_is_no_mapping_is_a_finding(case: str, tmp_path: Path) -> None:
    line, expected = MERGES[case]
    text = SCORING.read_text("utf-8").replace("      name: Bộ Tài chính\n",
                                              line + "      name: Bộ Tài chính\n", 1)
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, "utf-8")
    for lang, words in (("en", "a merge (<<) takes a mapping"), ("vi", "khóa gộp (<<)")):
        run = thidua("lint", "--lang", lang, str(plan))
        no_traceback(run)
        assert run.returncode == 1
        assert sorted(run.findings()) == sorted(expected), run.stdout
        assert words in run.stdout


def test_a_merge_of_an_alias_to_a_text_points_at_the_merge(tmp_path: Path) -> None:
    text = SCORING.read_text("utf-8").replace("title: ", "title: &t ", 1).replace(
        "      name: Bộ Tài chính\n", "      <<: *t\n      name: Bộ Tài chính\n", 1)
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, "utf-8")
    run = thidua("lint", str(plan))
    assert run.returncode == 1
    assert run.findings() == ["TD001@13"], run.stdout


def test_held_merges_of_mappings_and_hostile_aliases(tmp_path: Path) -> None:
    text = SCORING.read_text("utf-8").replace(
        "version: 1\n", "version: 1\nx-base: &b {name: Gộp}\n", 1).replace(
        "      name: Bộ Tài chính\n", "      <<: [*b, *b, {name: x}]\n", 1)
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, "utf-8")
    run = thidua("lint", str(plan))
    no_traceback(run)
    assert run.findings() == ["TD002@4"], run.stdout  # the unknown key, nothing else


# --- the library: flags that are not True or False -------------------------------------

def script(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


FLAGS = {
    # each was read as Python's truth: write="no" wrote the fixes
    "fix_files write": "thidua_cli.fix_files('plan.yaml', write='no')",
    "fix_files write None": "thidua_cli.fix_files('plan.yaml', write=None)",
    "lint plans": "thidua_cli.lint('plan.yaml', plans='no')",
    "diff ignore_order": "thidua_cli.diff('plan.yaml', 'plan.yaml', ignore_order='yes')",
}


@pytest.mark.parametrize("case", FLAGS, ids=list(FLAGS))
def test_a_flag_of_the_library_is_true_or_false(case: str, tmp_path: Path) -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", SCORING.read_text("utf-8"))
    (tmp_path / "plan.yaml").write_text(nfd, "utf-8")
    run = script("import thidua_cli\n"
                 "try:\n"
                 f"    {FLAGS[case]}\n"
                 "except thidua_cli.UsageError as e:\n"
                 "    print('refused:', e.message('en'))\n", tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("refused:") and "must be True or False" in run.stdout
    assert (tmp_path / "plan.yaml").read_text("utf-8") == nfd  # nothing written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]


def test_an_output_that_is_no_path_is_not_called_a_plan_text(tmp_path: Path) -> None:
    run = script("import thidua_cli\n"
                 "try:\n"
                 f"    thidua_cli.render({str(PLAN)!r}, format='md', output=5)\n"
                 "except thidua_cli.UsageError as e:\n"
                 "    print(e.message('en'))\n", tmp_path)
    assert run.stdout == "output must be a path (str or os.PathLike), not int\n", run.stderr


# --- plans in other encodings ----------------------------------------------------------

@pytest.mark.parametrize(("encoding", "named"), [
    ("utf-32-le", "UTF-32 LE"), ("utf-32-be", "UTF-32 BE"),  # were "binary data"
    ("utf-16-le", "UTF-16 LE"), ("utf-16-be", "UTF-16 BE"), ("utf-32", "UTF-32")])
def test_a_plan_in_utf16_or_utf32_without_a_bom_is_named(encoding: str, named: str,
                                                        tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(SCORING.read_text("utf-8").encode(encoding))
    run = thidua("lint", str(plan))
    no_traceback(run)
    assert run.returncode == 1
    assert run.findings() == ["TD001@1"]
    assert f"the file is {named}, not UTF-8" in run.stdout, run.stdout


@pytest.mark.parametrize("paragraph", [
    "{{ ('x' * 1000) | replace('x', 'x' * 1000) | replace('x', 'x' * 1000) | length }}",
    "{{ 'x' | center(1000000000) | length }}",
    "{% for i in range(100000) %}{% for j in range(100000) %}xxxxxxxxxx{% endfor %}{% endfor %}",
])
def test_a_docx_template_is_bounded_the_same(paragraph: str, tmp_path: Path) -> None:
    import docx

    folder = tmp_path / "tpl"
    folder.mkdir()
    document = docx.Document()
    document.add_paragraph(paragraph)
    document.save(str(folder / "plan.docx"))
    run = thidua("render", str(PLAN), "--template-dir", str(folder),
                 "-o", str(tmp_path / "out.docx"))
    unusable(run, "sandbox forbids")
    assert not (tmp_path / "out.docx").exists()
    assert run.max_rss_mb < 600


# --- held: configuration values of every wrong type ------------------------------------

CONFIGS = {
    "select a text": ('select = "TD1"', "'select' must be a list of texts"),
    "select numbers": ("select = [1, 2]", "'select' must be a list of texts"),
    "ignore a table": ("ignore = {a = 1}", "'ignore' must be a list of texts"),
    "unknown code": ('select = ["TD999"]', "'TD999' in 'select' is not a rule code"),
    "exclude a text": ('exclude = "x"', "'exclude' must be a list of texts"),
    "today a number": ("today = 1", "'today' is 1, not a date"),
    "today a time": ("today = 07:32:00", "not a date"),
    "today far": ("today = 9999-12-31", "outside the years a plan can mean"),
    "docs_url javascript": ('docs_url = "javascript:alert(1)"', "must be an http(s) address"),
    "severity unknown": ('[severity]\nTD999 = "error"', "'TD999' in 'severity'"),
    "severity fatal": ('[severity]\noverdue = "fatal"', "use one of error, warning, off"),
    "severity a number": ("[severity]\noverdue = 1", "use one of error, warning, off"),
    "severity a text": ('severity = "x"', "'severity' must be a table"),
    "awards a number": ("awards = 1", "'awards' must be a table"),
    "extends": ('extends = ".thidua.toml"', "unknown configuration key 'extends'"),
    "a key twice": ("a = 1\na = 2", "TOML syntax error"),
    "nested deep": ("x = " + "[" * 100000 + "]" * 100000, "nests arrays or tables too deeply"),
    "a huge number": ("today = " + "9" * 100000, "TOML syntax error"),
}


@pytest.mark.parametrize("case", CONFIGS, ids=list(CONFIGS))
def test_held_configuration_values_of_wrong_types(case: str, tmp_path: Path) -> None:
    text, message = CONFIGS[case]
    (tmp_path / ".thidua.toml").write_text(text + "\n", "utf-8")
    (tmp_path / "plan.yaml").write_text(SCORING.read_text("utf-8"), "utf-8")
    run = thidua("lint", "plan.yaml", cwd=tmp_path)
    unusable(run, message)
    assert ".thidua.toml:" in run.stderr


# --- held: the language server given hostile positions and floods ----------------------

URI = "file:///tmp/thidua-twelfth-r/plan.yaml"


def _open(text: str) -> dict[str, object]:
    return did_open(URI, text)


def _change(version: int, changes: list[object]) -> dict[str, object]:
    return did_change(URI, version, changes)


def _at(id_: int, method: str, line: int | float, character: int | float) -> dict[str, object]:
    return {"jsonrpc": "2.0", "id": id_, "method": f"textDocument/{method}",
            "params": {"textDocument": {"uri": URI},
                       "position": {"line": line, "character": character}}}


def _range(a: int, b: int, c: int, d: int) -> dict[str, object]:
    return {"start": {"line": a, "character": b}, "end": {"line": c, "character": d}}


def _serve(messages: list[dict[str, object]], initialize: bool = True) -> Run:
    first = [INIT, {"jsonrpc": "2.0", "method": "initialized", "params": {}}] if initialize else []
    return thidua("lsp", stdin=b"".join(frame(m) for m in (*first, *messages, *END)))


def test_held_requests_before_initialize(tmp_path: Path) -> None:
    run = _serve([_at(5, "hover", 0, 0), _open(SCORING.read_text("utf-8")),
                  _at(6, "completion", 3, 3)], initialize=False)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    assert 99 in answers(run.stdout)  # the shutdown after them is answered


def test_held_changes_and_positions_out_of_range() -> None:
    plan = SCORING.read_text("utf-8")
    run = _serve([
        _open(plan),
        _change(2, [{"range": _range(10**9, 0, 10**9, 5), "text": "x"}]),
        _change(3, [{"range": _range(-1, -5, -1, -1), "text": "y"}]),
        _change(4, [{"range": _range(5, 3, 2, 0), "text": "z"}]),  # start after end
        _change(5, [{"range": _range(0, 2**40, 0, 2**40), "text": "w"}]),
        _change(6, [None]), _change(7, [{"text": None}]),
        _at(20, "hover", 3, 3), _at(21, "completion", -1, -1),
        _at(22, "completion", 10**12, 10**12), _at(23, "definition", 2**70, 0),
        _at(24, "hover", 0, 1e308)])
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr
    got = answers(run.stdout)
    assert {20, 21, 22, 23, 24, 99} <= set(got), got
    assert run.max_rss_mb < 300


def test_held_positions_inside_a_surrogate_pair() -> None:
    plan = SCORING.read_text("utf-8").replace("name: Bộ Tài chính", "name: Bộ 😀😀 Tài chính", 1)
    lines = plan.split("\n")
    row = next(i for i, text in enumerate(lines) if "😀" in text)
    inside = len(lines[row][:lines[row].index("😀")].encode("utf-16-le")) // 2 + 1
    run = _serve([_open(plan),
                  _change(2, [{"range": _range(row, inside, row, inside), "text": "X"}]),
                  _change(3, [{"range": _range(row, inside + 2, row, inside + 3), "text": ""}]),
                  _at(10, "hover", row, inside), _at(11, "completion", row, inside + 2)])
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    assert {10, 11, 99} <= set(answers(run.stdout))


def test_held_completion_and_hover_at_every_position_of_a_hostile_plan() -> None:
    hostile = (ROOT / "tests" / "hostile" / "inputs" / "control-chars.yaml").read_text("utf-8")
    messages: list[dict[str, object]] = [_open(hostile)]
    wanted = set()
    for row, text in enumerate(hostile.split("\n")):
        for column in range(len(text.encode("utf-16-le")) // 2 + 2):
            for method in ("completion", "hover"):
                id_ = 1000 + len(messages)
                messages.append(_at(id_, method, row, column))
                wanted.add(id_)
    run = _serve(messages)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr[-2000:]
    assert wanted <= set(answers(run.stdout))


def test_held_a_flood_of_changes_is_served_in_bounded_memory() -> None:
    messages: list[dict[str, object]] = [_open(SCORING.read_text("utf-8"))]
    messages += [_change(i + 2, [{"range": _range(3, 0, 3, 0), "text": "#"}])
                 for i in range(10000)]
    messages.append(_at(10, "hover", 3, 3))
    run = _serve(messages)
    assert run.returncode == 0, run.stderr
    assert 10 in answers(run.stdout)
    assert run.max_rss_mb < 300 and run.seconds < 300


# --- held: filled sheets given back with hostile cells ---------------------------------

SHEET_CELLS: dict[str, tuple[str, object, str]] = {
    "a link to another workbook": ("D7", "=[other.xlsx]Sheet1!A1", "TD510"),
    "a file link": ("D7", "='file:///etc/passwd'#$Sheet1.A1", "TD510"),
    "WEBSERVICE": ("D7", '=WEBSERVICE("http://x.example/")', "TD510"),
    "a date as a score": ("D7", "2022-01-01", "TD507"),
    "1e308": ("D7", 1e308, "TD505"),
    "negative": ("D7", -5, "TD505"),
    "True": ("D7", True, "TD507"),
    "an id changed": ("F7", "unknown-id", "TD509"),
    "an id as a formula": ("F7", '=CONCAT("nhiem","-vu")', "TD509"),
    "32,767 characters": ("E7", "x" * 32767, "TD510"),
}


@pytest.mark.parametrize("case", SHEET_CELLS, ids=list(SHEET_CELLS))
def test_held_a_sheet_with_hostile_cells(case: str, tmp_path: Path) -> None:
    import datetime

    import openpyxl

    plan = tmp_path / "plan.yaml"
    plan.write_text(SCORING.read_text("utf-8"), "utf-8")
    made = thidua("scores", "sheets", str(plan), "-o", str(tmp_path / "sheets"))
    assert made.returncode == 0, made.stderr
    cell, value, code = SHEET_CELLS[case]
    book = openpyxl.load_workbook(tmp_path / "sheets" / "btc.xlsx")
    sheet = book["Tự chấm"]
    sheet[cell] = datetime.datetime(2022, 1, 1) if value == "2022-01-01" else value
    book.save(tmp_path / "filled.xlsx")
    before = plan.read_bytes()
    run = thidua("scores", "import", str(plan), str(tmp_path / "filled.xlsx"))
    no_traceback(run)
    assert run.returncode == 1, run.stdout + run.stderr
    assert f"Tự chấm!{'D' if code != 'TD509' else 'A'}7: error {code}" in run.stderr, run.stderr
    assert plan.read_bytes() == before


@pytest.mark.parametrize(("name", "data", "message"), [
    ("sheet.xlsm", None, "workbook with macros"),
    ("sheet.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Excel 97-2003"),
    ("sheet.xlsx", b"a,b\n1,2\n", "not an Excel workbook"),
    ("zip.xlsx", "zip", "not an Excel workbook"),
])
def test_held_a_sheet_that_is_no_xlsx(name: str, data: bytes | str | None, message: str,
                                     tmp_path: Path) -> None:
    import zipfile

    plan = tmp_path / "plan.yaml"
    plan.write_text(SCORING.read_text("utf-8"), "utf-8")
    made = thidua("scores", "sheets", str(plan), "-o", str(tmp_path / "sheets"))
    assert made.returncode == 0
    target = tmp_path / name
    if data is None:
        target.write_bytes((tmp_path / "sheets" / "btc.xlsx").read_bytes())
    elif data == "zip":
        with zipfile.ZipFile(target, "w") as z:
            z.write(tmp_path / "sheets" / "btc.xlsx", "inner.xlsx")
    else:
        assert isinstance(data, bytes)
        target.write_bytes(data)
    before = plan.read_bytes()
    run = thidua("scores", "import", str(plan), str(target))
    unusable(run, message)
    assert plan.read_bytes() == before


# --- held: revisions git refuses, said as messages -------------------------------------

@pytest.mark.parametrize(("revision", "message"), [
    ("HEAD~99999:plan.yaml", "invalid object name"),
    ("@{-1}:plan.yaml", "invalid object name"),
    (":/nothing-like-this:plan.yaml", "Not a valid object name"),
    ("HEAD:../x", "outside repository"),
    ("HEAD:out/passwd", "not in 'HEAD'"),  # a link out of the repository
    ("HEAD^{blob}:plan.yaml", "expected blob type"),
])
def test_held_hostile_revisions(revision: str, message: str, tmp_path: Path) -> None:
    import os

    top = tmp_path / "repo"
    top.mkdir()
    env = {**os.environ, "HOME": str(tmp_path), "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_CONFIG_GLOBAL": "/dev/null"}
    for args in (["init", "-q"], ["add", "."],
                 ["-c", "user.name=a", "-c", "user.email=a@b", "commit", "-qm", "one"]):
        if args[0] == "add":
            (top / "plan.yaml").write_text(SCORING.read_text("utf-8"), "utf-8")
        subprocess.run(["git", *args], cwd=top, env=env, check=True, capture_output=True)
    (top / "out").symlink_to("/etc")
    run = thidua("diff", revision, "plan.yaml", cwd=top, env=env)
    unusable(run, message)
