"""Found by the fourteenth red-team pass on reading and running nothing outside, each as a
real process (see docs/robustness.md, "Fourteenth pass (inputs)").

The rows marked *held* are attacks that already failed: kept so that they keep failing.
Cases of many rows run in one process of the library, a row each, to keep the file fast.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .common import ROOT, Run, local_server, no_traceback, thidua, unusable

PLAN = ROOT / "plans" / "plan-2022.yaml"
SHIPPED_DOCX = ROOT / "templates" / "plan.docx"
ENV = {"THIDUA_LANG": "en", "PATH": "/usr/bin:/bin"}


def library(script: str, *args: str, cwd: Path, timeout: float = 120) -> list[str]:
    """Run ``script`` (Python using ``thidua_cli``) in a process of its own: its output lines."""
    run = subprocess.run([sys.executable, "-c", script, *args], cwd=cwd, capture_output=True,
                         text=True, timeout=timeout, env=ENV)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr[-3000:]
    return run.stdout.splitlines()


# --- a FIFO with no writer as an input (left open by the thirteenth pass) ----------------

FIFO_CASES = {
    "lint": ("lint", "{fifo}"),
    "lint --config": ("lint", "--config", "{fifo}", "plan.yaml"),
    "render": ("render", "{fifo}", "-f", "md", "-o", "out.md"),
    "diff": ("diff", "{fifo}", "plan.yaml"),
    "new --from": ("new", "--from", "{fifo}", "out.yaml"),
}


def test_a_fifo_nobody_writes_to_is_refused_after_the_writers_wait(tmp_path: Path) -> None:
    """It waited for ever (``open`` waits for a writer); now ten seconds, the writers' wait
    for a reader (``atomic.FIFO_WAIT``), then a message and exit 2. The five run at once."""
    shutil.copy(PLAN, tmp_path / "plan.yaml")

    def one(case: str) -> tuple[str, Run]:
        fifo = tmp_path / f"{case.replace(' ', '_')}.fifo"
        os.mkfifo(fifo)
        args = [a.format(fifo=fifo.name) for a in FIFO_CASES[case]]
        return case, thidua(*args, cwd=tmp_path, env={"THIDUA_LANG": "en"}, timeout=90)

    with ThreadPoolExecutor(len(FIFO_CASES)) as pool:
        runs = dict(pool.map(one, FIFO_CASES))
    for case, run in runs.items():
        unusable(run, "no program wrote to within 10 seconds")
        if case == "lint --config":
            assert "cannot read the configuration lint_--config.fifo" in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".fifo")) == [
        "plan.yaml"]  # nothing written


FIFO_LIBRARY = '''
import sys
from pathlib import Path
import thidua_cli.api as api
from thidua_cli import atomic
from thidua_cli.errors import ThiduaError
atomic.FIFO_WAIT = 1.0  # the one constant: the readers' wait is the writers'
for case, call in {
    "load": lambda: api.load(Path("p.fifo")),
    "config": lambda: api.lint("plan.yaml", config="c.fifo"),
}.items():
    try:
        call()
    except ThiduaError as e:
        print(case, type(e).__name__, e.message("vi"))
'''


def test_the_library_waits_as_long_as_the_writers_and_says_so_in_vietnamese(
        tmp_path: Path) -> None:
    shutil.copy(PLAN, tmp_path / "plan.yaml")
    os.mkfifo(tmp_path / "p.fifo")
    os.mkfifo(tmp_path / "c.fifo")
    lines = library(FIFO_LIBRARY, cwd=tmp_path, timeout=60)
    assert lines == [
        "load InputError không đọc được p.fifo: đây là FIFO (đường ống có tên) mà không chương "
        "trình nào ghi vào trong vòng 1 giây; chưa đọc gì (hãy chạy chương trình ghi, "
        "cat plan.yaml > p.fifo &, trước)",
        "config ConfigError không đọc được tệp cấu hình c.fifo: đây là FIFO (đường ống có tên) "
        "mà không chương trình nào ghi vào trong vòng 1 giây (hãy chạy chương trình ghi, "
        "cat .thidua.toml > c.fifo &, trước)",
    ]


def _bash(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", command], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "THIDUA_LANG": "en"})


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize("command", [
    "{py} lint <(cat plan.yaml)",
    "{py} lint <(sleep 1; cat plan.yaml)",  # a slow anonymous pipe's writer is waited for
    "cat plan.yaml | {py} lint -",
    "{py} lint --config <(echo 'select = [\"TD1\"]') plan.yaml",
    "(sleep 1; cat plan.yaml > p.fifo) & {py} lint p.fifo",
    # first bytes, then a pause: once a writer has come, the rest is waited for
    "(sleep 1; {{ head -c 100 plan.yaml; sleep 2; tail -c +101 plan.yaml; }} > p.fifo) & "
    "{py} lint p.fifo",
], ids=["process substitution", "slow substitution", "pipe", "config substitution",
        "fifo with a writer", "fifo with a slow writer"])
def test_a_pipe_or_fifo_that_has_a_writer_is_read_as_before(command: str,
                                                            tmp_path: Path) -> None:
    shutil.copy(PLAN, tmp_path / "plan.yaml")
    os.mkfifo(tmp_path / "p.fifo")
    done = _bash(command.format(py=f"{sys.executable} -m thidua_cli"), tmp_path)
    assert "Traceback" not in done.stderr
    assert (done.returncode, done.stdout) == (0, "1 file(s) checked, no problems\n"), done.stderr


def test_a_fifo_whose_writer_leaves_without_a_word_is_an_empty_plan(tmp_path: Path) -> None:
    fifo = tmp_path / "p.fifo"
    os.mkfifo(fifo)

    def writer() -> None:
        time.sleep(0.5)
        with open(fifo, "wb"):
            pass

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    run = thidua("lint", "p.fifo", cwd=tmp_path, env={"THIDUA_LANG": "en"}, timeout=60)
    thread.join(10)
    no_traceback(run)
    assert run.returncode == 1 and "the file is empty" in run.stdout, run.stdout


# --- --max-bytes has a most, and a plan's text is held to it ----------------------------

MOST = 256 * 1024 * 1024


@pytest.mark.parametrize(("args", "lang", "message"), [
    (("lint", "--max-bytes", str(MOST + 1), str(PLAN)), "en",
     f"--max-bytes {MOST + 1} is more than thidua reads of one plan, {MOST} bytes (256 MiB)"),
    (("lint", "--max-bytes", str(10**30), str(PLAN)), "vi",
     f"--max-bytes {10**30} vượt quá mức thidua đọc của một kế hoạch, {MOST} byte (256 MiB)"),
    (("diff", f"--max-bytes={MOST + 1}", str(PLAN), str(PLAN)), "en",
     "is more than thidua reads of one plan"),
    (("lint", "--fix", "--diff", "--max-bytes", str(MOST * 2), str(PLAN)), "en",
     "is more than thidua reads of one plan"),
])
def test_max_bytes_past_its_most_is_a_usage_error(args: tuple[str, ...], lang: str,
                                                  message: str, tmp_path: Path) -> None:
    """``--max-bytes 10**30 /dev/zero`` read until memory ran out."""
    unusable(thidua(*args, cwd=tmp_path, env={"THIDUA_LANG": lang}), message)


def test_max_bytes_at_its_most_is_taken() -> None:
    run = thidua("lint", "--max-bytes", str(MOST), str(PLAN))
    assert (run.returncode, run.stdout) == (0, "1 file(s) checked, no problems\n"), run.stderr


LIMITS = '''
import sys
from pathlib import Path
import thidua_cli.api as api
from thidua_cli.errors import ThiduaError
text = Path("plan.yaml").read_text("utf-8")
emoji = "version: 1\\n# " + "\\U0001f600" * 300 + "\\n"  # 300 characters, 1,214 bytes
CASES = {
    "max_bytes=10**30": lambda: api.lint("plan.yaml", max_bytes=10**30),
    "max_bytes=-10**5000": lambda: api.load("plan.yaml", max_bytes=-10**5000),
    "diff max_bytes=10**30": lambda: api.diff("plan.yaml", "plan.yaml", max_bytes=10**30),
    "year=10**5000": lambda: api.new_plan(year=10**5000),
    "lint text": lambda: api.lint(text, max_bytes=1000),
    "load text": lambda: api.load(text, max_bytes=1000),
    "diff text": lambda: api.diff(text, "plan.yaml", max_bytes=1000),
    "emoji": lambda: api.lint(emoji, max_bytes=1000),
    "emoji within": lambda: api.lint(emoji, max_bytes=1214),
    "render 21 MiB": lambda: api.render(text + "#" + "x" * (21 * 2**20) + "\\n", output="-"),
    "report 21 MiB": lambda: api.report(text + "#" + "x" * (21 * 2**20) + "\\n"),
    "lint at the bound": lambda: api.lint(text, max_bytes=len(text.encode())),
}
for case, call in CASES.items():
    for lang in ("en", "vi"):
        try:
            result = call()
        except ThiduaError as e:
            print(case, "|", type(e).__name__, e.message(lang))
        else:
            print(case, "|", "done", len(getattr(result, "findings", ())))
            break
'''

LIMIT_LINES = {
    "max_bytes=10**30": ("UsageError max_bytes must be a whole number from 1 to 268435456, "
                         "not 1000000000000000000000000000000",
                         "UsageError max_bytes phải là số nguyên từ 1 đến 268435456"),
    # Python will not print a number of 5,000 digits: it was an internal error (ValueError).
    "max_bytes=-10**5000": ("UsageError max_bytes must be a whole number from 1 to 268435456, "
                            "not -1.000e+5000", "UsageError max_bytes phải là số nguyên"),
    "diff max_bytes=10**30": ("UsageError max_bytes must be", "UsageError max_bytes phải"),
    "year=10**5000": ("UsageError year must be a whole number from 1900 to 2100, not 1.000e+5000",
                      "UsageError year phải là số nguyên từ 1900 đến 2100"),
    "lint text": ("InputError source is a plan's text of more than 1000 bytes in UTF-8",
                  "InputError source là nội dung một kế hoạch dài hơn 1000 byte (UTF-8)"),
    "load text": ("InputError source is a plan's text of more than 1000 bytes",
                  "InputError source là nội dung"),
    "diff text": ("InputError old is a plan's text of more than 1000 bytes",
                  "InputError old là nội dung"),
    "emoji": ("InputError source is a plan's text of more than 1000 bytes in UTF-8",
              "InputError source là"),
    "render 21 MiB": ("InputError plan is a plan's text of more than 20971520 bytes",
                      "InputError plan là"),
    "report 21 MiB": ("InputError plan is a plan's text of more than 20971520 bytes",
                      "InputError plan là"),
}


def test_the_librarys_bounds_on_sizes_and_texts(tmp_path: Path) -> None:
    """``max_bytes`` has the command's most; a plan's text is held to it in UTF-8 bytes (a
    30 MB text was linted whole whatever ``max_bytes`` said)."""
    shutil.copy(PLAN, tmp_path / "plan.yaml")
    lines = library(LIMITS, cwd=tmp_path, timeout=240)
    found: dict[str, list[str]] = {}
    for line in lines:
        case, _, outcome = line.partition(" | ")
        found.setdefault(case, []).append(outcome)
    for case, (en, vi) in LIMIT_LINES.items():
        assert found[case][0].startswith(en), (case, found[case])
        assert found[case][1].startswith(vi), (case, found[case])
    # exactly the bound: linted (findings: it is no whole plan)
    assert found["emoji within"][0].startswith("done")
    assert found["lint at the bound"] == ["done 0"]


# --- a name that is not UTF-8 prints as its byte (left open by the thirteenth pass) -------

NAME = os.fsdecode(b"p\xff.yaml")


@pytest.mark.parametrize(("args", "shown"), [
    (("lint", NAME), "p\\xff.yaml:1:1: error TD002"),
    (("lint", "-f", "github", NAME), "::error file=p\\xff.yaml,line=1"),
    (("diff", "same.yaml", NAME), "+++ p\\xff.yaml"),
    (("diff", "-f", "md", "same.yaml", NAME), "`p\\xff.yaml`"),
    (("lint", os.fsdecode(b"q\xff.yaml")), "thidua: error: q\\xff.yaml does not exist"),
], ids=["text", "github", "diff", "diff md", "message"])
@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes")
def test_a_name_that_is_not_utf8_is_shown_with_its_byte(args: tuple[str, ...], shown: str,
                                                       tmp_path: Path) -> None:
    (tmp_path / NAME).write_text("version: 1\n", "utf-8")
    (tmp_path / "same.yaml").write_text("version: 1\n", "utf-8")
    run = thidua(*args, cwd=tmp_path, env={"THIDUA_LANG": "en"})
    no_traceback(run)
    assert shown in run.stdout + run.stderr, run.stdout + run.stderr
    assert "udcff" not in run.stdout + run.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes")
def test_a_name_that_is_not_utf8_keeps_its_json_escape(tmp_path: Path) -> None:
    """The JSON contracts stay: ``"p\\udcff.yaml"`` reads back as the name."""
    (tmp_path / NAME).write_text("version: 1\n", "utf-8")
    run = thidua("lint", "-f", "json", NAME, cwd=tmp_path)
    assert b'"path": "p\\udcff.yaml"' in run.stdout.encode()
    assert json.loads(run.stdout)["findings"][0]["path"] == NAME


# --- a configuration found through a symbolic link --------------------------------------

@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="gives a file to another user (needs root)")
@pytest.mark.parametrize(("case", "message"), [
    ("another user's link", "is a symbolic link, and {shared}/.thidua.toml on its way belongs "
                            "to another user"),
    ("a link to another user's file", "is a symbolic link, and {shared}/theirs.toml on its "
                                      "way belongs to another user"),
    ("a link of one's own to one's own file", None),
])
def test_a_configuration_found_through_a_link_is_judged_by_each_step(
        case: str, message: str | None, tmp_path: Path) -> None:
    """``/tmp/.thidua.toml -> a file of yours`` (or ``-> /proc/self/environ``), put there by
    another user, was followed: the rule judged the file at the end of the link alone."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # as /tmp
    work = shared / "work"
    work.mkdir()
    (work / "bad.yaml").write_text("version: 1\n", "utf-8")
    mine = tmp_path / "mine.toml"
    mine.write_text('ignore = ["TD"]\n', "utf-8")
    nobody = 65534
    if case == "another user's link":
        (shared / ".thidua.toml").symlink_to(mine)
        os.lchown(shared / ".thidua.toml", nobody, nobody)
    elif case == "a link to another user's file":
        theirs = shared / "theirs.toml"
        theirs.write_text('ignore = ["TD"]\n', "utf-8")
        os.chown(theirs, nobody, nobody)
        (work / ".thidua.toml").symlink_to(theirs)
    else:
        (shared / ".thidua.toml").symlink_to(mine)
    run = thidua("lint", "bad.yaml", cwd=work, env={"THIDUA_LANG": "en"})
    if message is None:
        assert (run.returncode, run.stdout) == (0, "1 file(s) checked, no problems\n")
    else:
        unusable(run, message.format(shared=shared))


# --- exclude patterns: many long ones ----------------------------------------------------

def test_many_long_exclude_patterns_are_matched_in_c(tmp_path: Path) -> None:
    """16,000 patterns of 250 characters (a 4 MB configuration, within its bound) took 25 s
    of CPU to lint one plan: each was matched two pointers at a time in Python."""
    folder = tmp_path / "d"
    folder.mkdir()
    shutil.copy(PLAN, folder / ("a" * 200 + ".yaml"))
    patterns = ",".join(f'"*{"a" * 230}{"?" * 4}{i:05d}b"' for i in range(16000))
    (tmp_path / ".thidua.toml").write_text(f"exclude = [{patterns}, \"*a?a*x\"]\n", "utf-8")
    run = thidua("lint", "d", cwd=tmp_path, timeout=20)
    assert (run.returncode, run.stdout) == (0, "1 file(s) checked, no problems\n"), run.stderr
    (tmp_path / ".thidua.toml").write_text(f"exclude = [{patterns}, \"*a?a*.yaml\"]\n", "utf-8")
    run = thidua("lint", "d", cwd=tmp_path, timeout=20)
    assert run.returncode == 0 and run.stdout.startswith("0 file(s) checked"), run.stdout


# --- templates ---------------------------------------------------------------------------

TEMPLATES = '''
import sys
from pathlib import Path
import thidua_cli.api as api
from thidua_cli.errors import ThiduaError
import json
cases = json.loads(Path("cases.json").read_text("utf-8"))
for name, template in cases.items():
    folder = Path("tpl")
    (folder / "plan.md.j2").write_text(template, "utf-8")
    try:
        text = api.render("plan.yaml", format="md", output="-", templates=folder)
    except ThiduaError as e:
        print(name, "|", "refused", e.message("en").replace("\\n", " ")[:300])
    else:
        print(name, "|", "done", text.replace("\\n", " ")[:120])
'''

#: name: (template, what the outcome starts with)
TEMPLATE_CASES = {
    # found: squaring a number again and again (4,096,001 bits after ten, hours after twenty)
    "squared": ("{% set x = 2**4000 %}{% set x = x * x %}{{ x }}",
                "refused the template tried something the sandbox forbids: multiplying "
                "numbers of 4,001 and 4,001 bits makes one of over 4,096 bits"),
    "squared in a loop": ("{% set ns = namespace(x=3) %}{% for i in range(100) %}"
                          "{% set ns.x = ns.x * ns.x %}{% endfor %}{{ ns.x }}",
                          "refused the template tried something the sandbox forbids: multiplying"),
    "a product within": ("{{ (2**2000) * (2**2000) > 0 }} {{ 3 * 4 }} {{ 2.5 * 2 }}",
                         "done True 12 5.0"),
    # held
    "self": ("{{ self }}", "done <TemplateReference"),
    "self's context": ("{{ self._TemplateReference__context }}", "refused the template tried"),
    "cycler's init": ("{{ cycler.__init__ }}", "refused the template tried"),
    "namespace's init": ("{{ namespace.__init__.__globals__ }}", "refused the template tried"),
    "namespace private": ("{% set ns = namespace() %}{% set ns._x = 1 %}{{ ns._x }}",
                          "refused the template tried"),
    "joiner's call": ("{{ joiner().__call__ }}", "refused the template tried"),
    "range huge": ("{{ range(10**9) | length }}", "refused the template failed: OverflowError"),
    "recursive macro": ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
                        "refused the template failed: RecursionError"),
    "imports itself": ('{% import "plan.md.j2" as me %}x', "refused the template failed"),
    "extends itself": ('{% extends "plan.md.j2" %}', "refused the template failed"),
    "from itself": ('{% from "plan.md.j2" import x %}', "refused the template failed"),
    "%c past Unicode": ('{{ "%c" % 1114112 }}', "refused the template failed: OverflowError"),
    "a product past 4,096 bits": ("{{ (2**4096) * 2**4 }}", "refused the template tried"),
    "format with a huge width": ('{{ "{:>{w}}".format("x", w=10**9) }}', "refused"),
    "% with a huge width": ('{{ "%*d" % (10**9, 1) }}', "refused"),
    "include ..\\\\": ('{% include "..\\\\secret.j2" %}', "refused the template failed: "
                                                          "TemplateNotFound"),
    "include sub/../..": ('{% include "sub/../../secret.j2" %}', "refused the template failed"),
    "include //": ('{% include "//etc/passwd" %}', "refused the template failed"),
    "include ~": ('{% include "~/.bashrc" %}', "refused the template failed"),
    "include empty": ('{% include "" %}', "refused the template failed"),
    "include a folder": ('{% include "sub" %}', "refused the template failed"),
    "include a drive": ('{% include "C:\\\\Windows\\\\win.ini" %}', "refused the template"),
    "include %2e%2e": ('{% include "%2e%2e/secret.j2" %}', "refused the template failed"),
    "include a list": ('{% include ["nope.j2", "../secret.j2"] %}', "refused the template"),
    "include a newline": ('{% include "sub/x.j2\\n" %}', "refused the template failed"),
    "include NUL": ('{% include "sub/x.j2\\u0000" %}', "refused the template failed"),
    "include 300 letters": ('{% include "' + "a" * 300 + '.j2" %}', "refused the template"),
    "extends absolute": ('{% extends "/etc/passwd" %}', "refused the template failed"),
    "import ../": ('{% import "../secret.j2" as s %}x', "refused the template failed"),
    "from a backslash name": ('{% from "..\\secret.j2" import x %}', "refused the template"),
    "include inside": ('{% include "./sub//x.j2" %}', "done INSIDE"),
}


def test_template_attacks(tmp_path: Path) -> None:
    shutil.copy(PLAN, tmp_path / "plan.yaml")
    (tmp_path / "tpl" / "sub").mkdir(parents=True)
    (tmp_path / "tpl" / "sub" / "x.j2").write_text("INSIDE", "utf-8")
    (tmp_path / "secret.j2").write_text("SECRET", "utf-8")
    (tmp_path / "cases.json").write_text(
        json.dumps({k: v[0] for k, v in TEMPLATE_CASES.items()}), "utf-8")
    lines = library(TEMPLATES, cwd=tmp_path, timeout=240)
    found = dict(line.split(" | ", 1) for line in lines)
    assert set(found) == set(TEMPLATE_CASES)
    for case, (_, expected) in TEMPLATE_CASES.items():
        assert found[case].startswith(expected), (case, found[case])
        assert "SECRET" not in found[case] and "root:" not in found[case]


# --- DOCX templates and Word documents to import -----------------------------------------

DTD = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
       '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
       '<w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>')
RELS = "word/_rels/document.xml.rels"
IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


def _relationship(target: str, mode: str = 'TargetMode="External"',
                  kind: str = IMAGE) -> str:
    return f'<Relationship Id="rIdX" Type="{kind}" Target="{target}" {mode}/></Relationships>'


#: name: (parts replaced, parts added (after), what the render's message holds, or "")
DOCX_CASES: dict[str, tuple[dict[str, str], list[tuple[str, str]], str]] = {
    "document.xml twice, the second with a DTD": ({}, [("word/document.xml", DTD)], "DTD"),
    "document.xml twice, the first with a DTD": ({"word/document.xml": DTD + "|first"}, [],
                                                 "DTD"),
    "WORD/DOCUMENT.XML with a DTD": ({}, [("WORD/DOCUMENT.XML", DTD)], "DTD"),
    "a custom XML part with a DTD": ({}, [("customXml/item1.xml", DTD)], "DTD"),
    "a part in UTF-16 with a DTD": ({}, [("word/footer9.xml", "utf-16:" + DTD)], "DTD"),
    "a ZIP64 part with a DTD": ({}, [("word/big.xml", "zip64:" + DTD)], "DTD"),
    "an external OLE object": ({RELS: _relationship(
        "file:///etc/passwd", kind=IMAGE.replace("image", "oleObject"))}, [], "outside"),
    "TargetMode in capitals": ({RELS: _relationship(
        "file:///etc/passwd", 'TargetMode="EXTERNAL"')}, [], "outside"),
    "a UNC path": ({RELS: _relationship("\\\\server\\share\\x.png")}, [], "outside"),
    "an absolute target, internal": ({RELS: _relationship("file:///etc/passwd", "")}, [],
                                     "not a usable DOCX template"),
    "a target with ../": ({RELS: _relationship("../../../../etc/passwd", "")}, [],
                          "not a usable DOCX template"),
    "a subdocument outside": ({RELS: _relationship(
        "file:///etc/passwd", kind=IMAGE.replace("image", "subDocument"))}, [], "outside"),
    "10,000 empty parts": ({}, [(f"x/{i}", "") for i in range(9990)], "10000"),
    # XML by its first bytes, under a name and type that are not (the fourteenth pass
    # checks such parts too: LibreOffice knows a picture by what it holds)
    "a DTD in customXml/item1.bin": ({}, [("customXml/item1.bin", DTD)], "DTD"),
    "an unreferenced OLE object": ({}, [("word/embeddings/oleObject1.bin",
                                         "\u00d0\u00cf\x11\u00e0")], ""),
}


def _docx(path: Path, replaced: dict[str, str], added: list[tuple[str, str]],
          base: Path = SHIPPED_DOCX) -> None:
    shipped = zipfile.ZipFile(base)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name in shipped.namelist():
            data = shipped.read(name).decode("utf-8")
            change = replaced.get(name)
            if change is not None and change.endswith("</Relationships>"):
                data = data.replace("</Relationships>", change)
            elif change is not None and change.endswith("|first"):
                z.writestr(name, change.removesuffix("|first"))
            z.writestr(name, data)
        for name, text in added:
            if text.startswith("utf-16:"):
                z.writestr(name, text.removeprefix("utf-16:").replace(
                    '"1.0"?>', '"1.0" encoding="UTF-16"?>', 1).encode("utf-16"))
            elif text.startswith("zip64:"):
                with z.open(name, "w", force_zip64=True) as part:
                    part.write(text.removeprefix("zip64:").encode())
            else:
                z.writestr(name, text.encode("latin-1") if name.endswith(".bin") else text)


def _render_each(cases: str) -> str:
    """A script that renders plan.yaml to DOCX with each folder of ``cases`` as its
    templates, printing ``folder | done`` or ``folder | refused MESSAGE``."""
    return f'''
import sys, warnings
from pathlib import Path
import thidua_cli.api as api
from thidua_cli.errors import ThiduaError
for folder in sorted(Path("{cases}").iterdir()):
    try:
        api.render("plan.yaml", format="docx", output=str(folder / "out.docx"), templates=folder)
    except ThiduaError as e:
        print(folder.name, "|", "refused", e.message("en")[:300])
    else:
        print(folder.name, "|", "done")
'''


def test_docx_template_attacks_held(tmp_path: Path) -> None:
    shutil.copy(PLAN, tmp_path / "plan.yaml")
    names = {}
    for i, (case, (replaced, added, _)) in enumerate(DOCX_CASES.items()):
        folder = tmp_path / "cases" / f"c{i:02d}"
        folder.mkdir(parents=True)
        names[folder.name] = case
        with pytest.warns(UserWarning) if "twice" in case else _nothing():
            _docx(folder / "plan.docx", replaced, added)
    found = dict(line.split(" | ", 1) for line in library(_render_each("cases"), cwd=tmp_path))
    for folder, case in names.items():
        expected = DOCX_CASES[case][2]
        if expected:
            assert found[folder].startswith("refused") and expected in found[folder], (
                case, found[folder])
        else:
            assert found[folder] == "done", (case, found[folder])
            out = zipfile.ZipFile(tmp_path / "cases" / folder / "out.docx").namelist()
            assert not [n for n in out if n.endswith(".bin")], out  # unreferenced: dropped


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *_: object) -> None:
        return None


IMPORT_SCRIPT = '''
import sys
from pathlib import Path
import thidua_cli.api as api
from thidua_cli.errors import ThiduaError
for path in sorted(Path("docs").iterdir()):
    try:
        done = api.import_plan(path)
    except ThiduaError as e:
        print(path.name, "|", "refused", e.message("en")[:300])
    else:
        print(path.name, "|", "done", "root:" in done.text, done.unplaced)
'''


def test_word_documents_to_import_held(tmp_path: Path) -> None:
    """``import`` reads a part by its name (the last of the same name, as ``zipfile`` does),
    refuses a DTD in what it reads, and follows no relationship outside."""
    base = tmp_path / "base.docx"
    run = thidua("render", str(PLAN), "-o", str(base))
    assert run.returncode == 0, run.stderr
    docs = tmp_path / "docs"
    docs.mkdir()
    cases = {
        "dup-last": ({}, [("word/document.xml", DTD)]),
        "custom": ({}, [("customXml/item1.xml", DTD)]),
        "dotdot": ({}, [("../../evil.xml", "<a/>"), ("/abs.xml", "<a/>")]),
        "subdoc": ({RELS: _relationship(
            "file:///etc/passwd", kind=IMAGE.replace("image", "subDocument"))}, []),
        "many": ({}, [(f"x/{i}", "") for i in range(10001)]),
    }
    for name, (replaced, added) in cases.items():
        with pytest.warns(UserWarning) if name == "dup-last" else _nothing():
            _docx(docs / f"{name}.docx", replaced, added, base=base)
    found = dict(line.split(" | ", 1) for line in library(IMPORT_SCRIPT, cwd=tmp_path))
    assert found["dup-last.docx"].startswith("refused") and "DTD" in found["dup-last.docx"]
    assert found["custom.docx"] == "done False 0"  # a part import does not read
    assert found["dotdot.docx"] == "done False 0"
    assert found["subdoc.docx"] == "done False 1"  # named in a comment, not followed
    assert found["many.docx"].startswith("refused") and "parts" in found["many.docx"]
    assert not list(tmp_path.rglob("evil.xml")) and not Path("/abs.xml").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_held_pictures_that_vml_names_outside_are_not_fetched_into_the_pdf(
        tmp_path: Path) -> None:
    """VML names a picture by a ``src`` or ``o:href`` of its own, no relationship to check:
    LibreOffice 7.4 fetches none of them when it converts to PDF (a local web server is
    asked for nothing), and the PDF holds no picture."""
    with local_server() as (base, asked):
        url = f"{base}x.png"
        v = ('xmlns:v="urn:schemas-microsoft-com:vml" '
             'xmlns:o="urn:schemas-microsoft-com:office:office"')
        pictures = (
            f'<w:p><w:r><w:pict><v:shape {v} style="width:50pt;height:50pt">'
            f'<v:imagedata src="{url}?src"/></v:shape></w:pict></w:r></w:p>'
            f'<w:p><w:r><w:pict><v:shape {v} style="width:50pt;height:50pt">'
            f'<v:imagedata o:href="{url}?href"/></v:shape></w:pict></w:r></w:p>'
            f'<w:p><w:r><w:pict><v:rect {v} style="width:50pt;height:50pt">'
            f'<v:fill type="frame" src="{url}?fill"/></v:rect></w:pict></w:r></w:p>'
            f'<w:p><w:fldSimple w:instr=" INCLUDEPICTURE &quot;{url}?field&quot; \\d ">'
            '<w:r><w:t>x</w:t></w:r></w:fldSimple></w:p>')
        folder = tmp_path / "tpl"
        folder.mkdir()
        shipped = zipfile.ZipFile(SHIPPED_DOCX)
        with zipfile.ZipFile(folder / "plan.docx", "w", zipfile.ZIP_DEFLATED) as z:
            for name in shipped.namelist():
                data = shipped.read(name).decode("utf-8")
                if name == "word/document.xml":
                    data = data.replace("<w:body>", "<w:body>" + pictures, 1)
                z.writestr(name, data)
        run = thidua("render", str(PLAN), "-f", "pdf", "-o", str(tmp_path / "out.pdf"),
                     "--template-dir", str(folder), timeout=240)
    assert run.returncode == 0, run.stderr
    assert asked == []
    if shutil.which("pdfimages"):
        listing = subprocess.run(["pdfimages", "-list", str(tmp_path / "out.pdf")],
                                 capture_output=True, text=True, check=True).stdout
        assert len(listing.splitlines()) == 2, listing  # the header alone: no picture


# --- git revisions -------------------------------------------------------------------------

GIT_SCRIPT = '''
import sys
import thidua_cli.api as api
from thidua_cli.errors import ThiduaError
for revision in sys.stdin.read().split("\\0"):
    try:
        result = api.diff(revision, "p.yaml")
    except ThiduaError as e:
        print(repr(revision)[:40], "|", "refused", e.message("en")[:200].replace("\\n", " "))
    else:
        print(repr(revision)[:40], "|", "done", len(result.changes))
'''

GIT_CASES = {
    "HEAD@{0}:p.yaml": "done 0",
    "HEAD@{1.year.ago}:p.yaml": "done 0",
    "HEAD^{/one}:p.yaml": "done 0",
    ":0:p.yaml": "done 0",
    "HEAD:./p.yaml": "done 0",
    "HEAD@{upstream}:p.yaml": "refused cannot read HEAD@{upstream}:p.yaml from git",
    "HEAD@{push}:p.yaml": "refused cannot read",
    ":/one:p.yaml": "refused cannot read",
    ":/(((((((((((((((a*)*)*)*)*)*)*)*)*)*)*)*)*)*)*)b": "refused cannot read",
    "H" * 100_000 + ":p.yaml": "refused cannot read HHHH",
    "HEAD\x1b[31m:p.yaml": "refused cannot read HEAD\\x1b[31m:p.yaml from git",
    ":3:p.yaml": "refused cannot read :3:p.yaml from git",
    "refs/../HEAD:p.yaml": "refused cannot read",
    "HEAD:p.yaml@{0}": "refused cannot read",
}


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_git_revisions_held(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
                       cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    shutil.copy(PLAN, tmp_path / "p.yaml")
    git("add", "p.yaml")
    git("commit", "-qm", "one")
    run = subprocess.run([sys.executable, "-c", GIT_SCRIPT], cwd=tmp_path, capture_output=True,
                         text=True, timeout=120, input="\0".join(GIT_CASES),
                         env={**ENV, "HOME": str(tmp_path)})
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr[-3000:]
    outcomes = [line.split(" | ", 1)[1] for line in run.stdout.splitlines()]
    assert len(outcomes) == len(GIT_CASES), run.stdout
    for (revision, expected), outcome in zip(GIT_CASES.items(), outcomes, strict=True):
        assert outcome.startswith(expected), (revision[:40], outcome)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".git", "p.yaml"]



# --- LibreOffice fetched what a .doc links to -----------------------------------------

LINKED = (
    '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
    ' INCLUDEPICTURE "{url}field.png" \\d </w:instrText></w:r><w:r>'
    '<w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>pic</w:t></w:r><w:r>'
    '<w:fldChar w:fldCharType="end"/></w:r></w:p>'
    '<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
    'wordprocessingDrawing"><wp:extent cx="952500" cy="952500"/><wp:docPr id="99" name="p"/>'
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData '
    'uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://'
    'schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="99" '
    'name="p"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip xmlns:r="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships" r:link="rIdL"/></pic:blipFill>'
    '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="952500" cy="952500"/></a:xfrm>'
    '<a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline>'
    '</w:drawing></w:r></w:p>')


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_a_doc_to_import_makes_libreoffice_fetch_nothing(tmp_path: Path) -> None:
    """``import`` converts a ``.doc`` with LibreOffice, which fetched the picture it links
    to (``OPTIONS``, ``HEAD``, ``GET /link.png`` at the document's server): it now runs
    without a network (a namespace of its own), and the plan is imported as before."""
    with local_server() as (url, asked):
        base = tmp_path / "base.docx"
        assert thidua("render", str(PLAN), "-o", str(base)).returncode == 0
        shipped = zipfile.ZipFile(base)
        linked = tmp_path / "linked.docx"
        with zipfile.ZipFile(linked, "w", zipfile.ZIP_DEFLATED) as z:
            for name in shipped.namelist():
                data = shipped.read(name).decode("utf-8")
                if name == "word/document.xml":
                    data = data.replace("<w:body>", "<w:body>" + LINKED.format(url=url), 1)
                if name == RELS:
                    data = data.replace("</Relationships>", _relationship(f"{url}link.png")
                                        .replace("rIdX", "rIdL"))
                z.writestr(name, data)
        profile = tmp_path / "profile"
        subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                        "--norestore", "--convert-to", "doc", "--outdir", str(tmp_path),
                        str(linked)], capture_output=True, timeout=180, check=True,
                       start_new_session=True)
        assert (tmp_path / "linked.doc").is_file()
        asked.clear()  # what the making of the .doc asked for is no part of the case
        run = thidua("import", str(tmp_path / "linked.doc"), "-o", str(tmp_path / "out.yaml"),
                     timeout=240)
    assert run.returncode == 0, run.stderr
    assert asked == []
    assert "bloc:" in (tmp_path / "out.yaml").read_text("utf-8")


# --- sizes read before the bound ---------------------------------------------------------

def test_a_huge_pyproject_found_is_not_read_whole(tmp_path: Path) -> None:
    """The search for ``[tool.thidua]`` read a found pyproject.toml whole: 300 MB of a sparse
    file (``truncate -s``) took 645 MB to be passed over; it reads the configuration's 4 MiB."""
    shutil.copy(PLAN, tmp_path / "plan.yaml")
    with open(tmp_path / "pyproject.toml", "wb") as f:
        f.truncate(300 * 1024 * 1024)
    run = thidua("lint", "plan.yaml", cwd=tmp_path)
    assert (run.returncode, run.stdout) == (0, "1 file(s) checked, no problems\n"), run.stderr
    assert run.max_rss_mb < 200, run.max_rss_mb
    (tmp_path / "pyproject.toml").write_bytes(b'[tool.thidua]\nselect = ["TD1"]\n#'
                                              + b"x" * (5 * 1024 * 1024) + b"\n")
    unusable(thidua("lint", "plan.yaml", cwd=tmp_path),
             "the configuration file is more than 4194304 bytes")


def test_a_huge_doc_to_import_is_refused_before_libreoffice(tmp_path: Path) -> None:
    """A ``.doc`` is read whole by LibreOffice: a 2 GB one was copied into TMPDIR, then held
    6 GB for 48 s. It is held to the 64 MiB a ``.docx``'s parts may inflate to."""
    doc = tmp_path / "big.doc"
    with open(doc, "wb") as f:
        f.write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
        f.truncate(65 * 1024 * 1024)
    unusable(thidua("import", str(doc), "-o", str(tmp_path / "out.yaml"), cwd=tmp_path,
                    env={"THIDUA_LANG": "en"}),
             "big.doc is 68157440 bytes, more than the 67108864 bytes a Word document (.doc) "
             "to import may be")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.doc"]


# --- a plan found in a folder that links outside it ---------------------------------------

@pytest.mark.parametrize("args", [("lint", "plans"), ("lint", "--fix", "plans"),
                                  ("report", "-f", "json", "plans", "-o", "-"),
                                  ("lint", "-f", "github", ".")],
                         ids=["lint", "fix", "report", "github"])
def test_a_plan_linking_outside_its_folder_is_refused(args: tuple[str, ...],
                                                      tmp_path: Path) -> None:
    """``plans/x.yaml -> ~/.aws/config`` (a link a pull request may add) was linted, its keys
    printed in the findings (``unknown key 'AWS_SECRET_KEY_abc123'``), in a public CI log."""
    secret = tmp_path / "home" / "secret.yaml"
    secret.parent.mkdir()
    secret.write_text("AWS_SECRET_KEY_abc123: 1\nversion: 1\n", "utf-8")
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    shutil.copy(PLAN, repo / "plans" / "plan.yaml")
    (repo / "plans" / "x.yaml").symlink_to(secret)
    run = thidua(*args, cwd=repo, env={"THIDUA_LANG": "en"})
    unusable(run, f"x.yaml is a symbolic link to {secret}, outside ")
    assert "AWS_SECRET" not in run.stdout + run.stderr.replace(str(secret), "")
    assert secret.read_text("utf-8").startswith("AWS")  # untouched by --fix


def test_a_plan_linking_inside_named_or_excluded_is_read_as_before(tmp_path: Path) -> None:
    outside = tmp_path / "shared.yaml"
    shutil.copy(PLAN, outside)
    (tmp_path / "plans").mkdir()
    shutil.copy(PLAN, tmp_path / "plans" / "plan.yaml")
    (tmp_path / "plans" / "same.yaml").symlink_to("plan.yaml")  # inside: linted
    run = thidua("lint", "plans", cwd=tmp_path)
    assert (run.returncode, run.stdout) == (0, "2 file(s) checked, no problems\n"), run.stderr
    (tmp_path / "plans" / "shared.yaml").symlink_to(outside)
    run = thidua("lint", "plans/shared.yaml", cwd=tmp_path)  # named: read where it leads
    assert (run.returncode, run.stdout) == (0, "1 file(s) checked, no problems\n"), run.stderr
    # excluded by its own name (it was matched by its target's only, and linted)
    (tmp_path / ".thidua.toml").write_text('exclude = ["shared.yaml"]\n', "utf-8")
    run = thidua("lint", "plans", cwd=tmp_path)
    assert (run.returncode, run.stdout) == (0, "2 file(s) checked, no problems\n"), run.stderr


# --- ./templates found in a folder anyone can write to ---------------------------------

@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="gives a folder to another user (needs root)")
@pytest.mark.parametrize(("case", "message"), [
    ("another user's folder", "{shared}/templates belongs to another user"),
    ("a folder anyone can write to", "anyone can write to it"),
    ("another user's link", "{shared}/templates belongs to another user"),
    ("one's own", None),
])
def test_templates_found_where_another_user_may_have_put_them_are_not_used(
        case: str, message: str | None, tmp_path: Path) -> None:
    """Run from ``/tmp``, another user's ``/tmp/templates/plan.md.j2`` wrote the document
    (``PWNED`` and the plan's title); a configuration so found was refused already."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    shutil.copy(PLAN, shared / "plan.yaml")
    templates = shared / "templates"
    if case == "another user's link":
        mine = tmp_path / "mine"
        mine.mkdir()
        (mine / "plan.md.j2").write_text("PWNED {{ title }}\n", "utf-8")
        templates.symlink_to(mine)
        os.lchown(templates, 65534, 65534)
    else:
        templates.mkdir()
        (templates / "plan.md.j2").write_text("PWNED {{ title }}\n", "utf-8")
        if case == "another user's folder":
            os.chown(templates, 65534, 65534)
        elif case == "a folder anyone can write to":
            templates.chmod(0o777)
    run = thidua("render", "plan.yaml", "-f", "md", "-o", "-", cwd=shared,
                 env={"THIDUA_LANG": "en"})
    if message is None:
        assert run.returncode == 0 and run.stdout.startswith("PWNED"), run.stderr
    else:
        unusable(run, "the template folder ")
        assert message.format(shared=shared) in run.stderr
    run = thidua("render", "plan.yaml", "-f", "md", "-o", "-", "--template-dir",
                 str(templates), cwd=shared)  # named: used, whoever's it is
    assert run.returncode == 0 and run.stdout.startswith("PWNED"), run.stderr


# --- an SVG picture in a DOCX template that refers outside --------------------------------

SVG_DRAWING = (
    '<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/'
    '2006/wordprocessingDrawing"><wp:extent cx="1905000" cy="1905000"/><wp:docPr id="98" '
    'name="s"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr>'
    '<pic:cNvPr id="98" name="s"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'r:embed="rIdS"/></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext '
    'cx="1905000" cy="1905000"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr></pic:pic>'
    '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')
SVG_HEAD = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            'width="200" height="200">')


def _svg_template(folder: Path, body: str, name: str = "word/media/x.svg",
                  prolog: str = "") -> None:
    """The shipped plan.docx with an SVG picture ``name`` (``.gz`` at its end: gzipped,
    under the name without it)."""
    import gzip

    zipped = name.endswith(".gz")
    name = name.removesuffix(".gz")
    folder.mkdir(parents=True)
    shipped = zipfile.ZipFile(SHIPPED_DOCX)
    target = name.removeprefix("word/")
    with zipfile.ZipFile(folder / "plan.docx", "w", zipfile.ZIP_DEFLATED) as z:
        for part in shipped.namelist():
            data = shipped.read(part).decode("utf-8")
            if part == "word/document.xml":
                data = data.replace("<w:body>", "<w:body>" + SVG_DRAWING, 1)
            if part == RELS:
                data = data.replace("</Relationships>", _relationship(target, "").replace(
                    "rIdX", "rIdS"))
            if part == "[Content_Types].xml" and name.endswith(".svg"):
                data = data.replace("<Default ", '<Default Extension="svg" '
                                    'ContentType="image/svg+xml"/><Default ', 1)
            z.writestr(part, data)
        svg = (prolog + SVG_HEAD + body + "</svg>").encode()
        if body == "BOMB":  # 65 MiB of NUL gzipped a MiB at a time: pytest's own memory
            # stays small (a test after this one measures a child's, which inherits it)
            packer = zlib.compressobj(9, zlib.DEFLATED, 31)
            block = bytes(1024 * 1024)
            z.writestr(name, b"".join(packer.compress(block) for _ in range(65))
                       + packer.flush())
            return
        z.writestr(name, gzip.compress(svg) if zipped else svg)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_an_svg_picture_naming_a_file_is_refused_before_it_reaches_the_pdf(
        tmp_path: Path) -> None:
    """LibreOffice put the ``file:///…`` picture an SVG's ``<image xlink:href>`` names in
    the PDF: a template read a file outside its folder into the document."""
    secret = tmp_path / "secret.png"
    secret.write_bytes(_png())  # a picture LibreOffice embedded, 40 by 40 red pixels
    _svg_template(tmp_path / "tpl", f'<image xlink:href="{secret.as_uri()}" width="200" '
                  'height="200"/>')
    out = tmp_path / "out.pdf"
    run = thidua("render", str(PLAN), "-f", "pdf", "-o", str(out), "--template-dir",
                 str(tmp_path / "tpl"), timeout=240)
    unusable(run, f"its picture word/media/x.svg refers to {secret.as_uri()}, outside the "
                  "template")
    assert not out.exists()


def _png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 40 for _ in range(40))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 40, 40, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


SVG_CASES = {
    "image href": ('<image href="file:///etc/hostname" width="9" height="9"/>', "", "", True),
    "use xlink:href": ('<use xlink:href="http://127.0.0.1:9/x.svg#a"/>', "", "", True),
    "feImage": ('<filter id="f"><feImage xlink:href="file:///etc/hostname"/></filter>', "", "",
                True),
    "fill url()": ('<rect width="9" height="9" fill="url(file:///etc/x.svg#g)"/>', "", "", True),
    "style url()": ('<rect width="9" height="9" style="fill: url( \'http://h/x#g\' )"/>', "", "",
                    True),
    "<style> @import": ("<style>@import 'http://h/x.css';</style>", "", "", True),
    "<style> url()": ("<style>rect { fill: url(file:///x.svg#g) }</style>", "", "", True),
    "xml-stylesheet": ("<rect width='9' height='9'/>", "",
                       '<?xml-stylesheet href="http://h/x.css"?>', True),
    "an SVG named x.png": ('<image xlink:href="file:///etc/hostname"/>', "word/media/x.png", "",
                           True),
    "gzipped as x.png": ('<image xlink:href="file:///etc/hostname"/>', "word/media/x.png.gz",
                         "", True),
    # its own: rendered
    "fragments and data:": ('<defs><linearGradient id="g"/></defs><rect width="9" height="9" '
                            'fill="url(#g)"/><use href="#g"/><image href="data:image/png;'
                            'base64,iVBORw0KGgo=" width="1" height="1"/>', "", "", False),
}



def test_a_gzipped_part_is_held_to_a_parts_bound(tmp_path: Path) -> None:
    shutil.copy(PLAN, tmp_path / "plan.yaml")
    _svg_template(tmp_path / "tpl", "BOMB", "word/media/x.png.gz")
    unusable(thidua("render", "plan.yaml", "-o", "out.docx", "--template-dir", "tpl",
                    cwd=tmp_path),
             "its part word/media/x.png would be more than 67108864 bytes uncompressed")


def test_svg_pictures_refer_to_nothing_outside(tmp_path: Path) -> None:
    shutil.copy(PLAN, tmp_path / "plan.yaml")
    names = {}
    for i, (case, (body, name, prolog, _)) in enumerate(SVG_CASES.items()):
        folder = tmp_path / "svg" / f"s{i:02d}"
        names[folder.name] = case
        _svg_template(folder, body, name or "word/media/x.svg", prolog)
    found = dict(line.split(" | ", 1) for line in library(_render_each("svg"), cwd=tmp_path))
    for folder, case in names.items():
        if SVG_CASES[case][3]:
            assert found[folder].startswith("refused") and "refers to" in found[folder], (
                case, found[folder])
        else:
            assert found[folder] == "done", (case, found[folder])


# --- programs found through a PATH that names the current folder ---------------------

def _planted(folder: Path, name: str, marker: Path) -> None:
    script = folder / name
    script.write_text(f"#!/bin/sh\necho ran > {marker}\nexit 1\n", "utf-8")
    script.chmod(0o755)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize("path", [":/usr/bin:/bin", "/usr/bin:/bin:", ".:/usr/bin:/bin"],
                         ids=["empty first", "empty last", "dot"])
def test_diff_never_runs_a_git_the_repository_holds(path: str, tmp_path: Path) -> None:
    """git runs in the plan's folder: with an empty entry or ``.`` in PATH (POSIX: the
    current folder), ``thidua diff plans/p.yaml`` ran the repository's ``plans/git``."""
    real = shutil.which("git")
    assert real is not None and os.path.dirname(real) in ("/usr/bin", "/bin")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "plans").mkdir()
    shutil.copy(PLAN, tmp_path / "plans" / "p.yaml")
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "add", "."],
                   cwd=tmp_path, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"],
                   cwd=tmp_path, check=True)
    marker = tmp_path / "ran"
    _planted(tmp_path / "plans", "git", marker)
    _planted(tmp_path, "git", marker)
    run = thidua("diff", "plans/p.yaml", cwd=tmp_path, env={"PATH": path})
    assert (run.returncode, run.stdout.splitlines()[-1:]) == (0, ["No differences."]), run.stderr
    assert not marker.exists()
    unusable(thidua("diff", "plans/p.yaml", cwd=tmp_path, env={"PATH": "plans:."}),
             "git is not installed (or not on PATH)")
    assert not marker.exists()


@pytest.mark.skipif(shutil.which("soffice") != "/usr/bin/soffice", reason="needs LibreOffice")
def test_pdf_never_runs_a_soffice_of_the_current_folder(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    _planted(tmp_path, "soffice", marker)
    run = thidua("render", str(PLAN), "-f", "pdf", "-o", "out.pdf", cwd=tmp_path,
                 env={"PATH": ".:/usr/bin:/bin"}, timeout=240)
    assert run.returncode == 0, run.stderr
    assert not marker.exists() and (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")
