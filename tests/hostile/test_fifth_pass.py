"""What a fifth red-team pass found: each case a real ``thidua`` process, each
fixed at its root (see docs/robustness.md)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import ROOT
from .common import thidua
from .test_writing import WRITERS, args_of, signal_office, suffix_for

EXAMPLE = ROOT / "plans" / "plan-2022.yaml"
SCORING = ROOT / "tests" / "plans" / "valid" / "scoring-tree.yaml"
LETTER = ROOT / "tests" / "import" / "letterhead-table.docx"
TEMPLATE = ROOT / "templates" / "plan.docx"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return Path(shutil.copy(EXAMPLE, tmp_path / "plan.yaml"))


def clean(output: str) -> None:
    assert "Traceback" not in output and "internal error" not in output, output[-2000:]


def shell(command: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """``command`` in a shell, ``thidua`` being this checkout's (for redirections)."""
    env = {k: v for k, v in os.environ.items() if k not in ("THIDUA_LANG", "THIDUA_DEBUG")}
    env.update({"LANG": "C.UTF-8", "NO_COLOR": "1",
                "THIDUA": f"{sys.executable} -m thidua_cli"})
    return subprocess.run(["sh", "-c", command], cwd=cwd, capture_output=True, env=env,
                          timeout=300)


# -- a plan redirected to standard input is an input: `-o /dev/stdin` led to it
# and replaced it (the plan read became JSON), exit 0


@pytest.mark.parametrize("command", [
    "report -f json - -o {out}",
    "lint -f json -o {out} -",
    "render - -f md -o {out}",
    "new {out} --year 2023 --from - --force --today 2022-01-01",
])
@pytest.mark.parametrize("out", ["/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"])
@pytest.mark.skipif(not os.path.exists("/proc/self/fd/0"), reason="needs /proc")
def test_a_plan_on_standard_input_is_never_replaced(command: str, out: str,
                                                    plan: Path) -> None:
    before = plan.read_bytes()
    r = shell(f"$THIDUA {command.format(out=out)} < plan.yaml", plan.parent)
    err = r.stderr.decode()
    clean(err)
    assert r.returncode == 2, err
    assert f"refusing to write over {out}: it is a plan or file this run reads" in err
    assert plan.read_bytes() == before
    assert sorted(os.listdir(plan.parent)) == ["plan.yaml"]


def test_a_plan_piped_in_still_renders(plan: Path) -> None:
    r = shell("cat plan.yaml | $THIDUA render - -f md -o out.md", plan.parent)
    assert r.returncode == 0, r.stderr
    assert (plan.parent / "out.md").read_text("utf-8").startswith("<!--")


# -- a file name that is not UTF-8 (b'\xff'): the SARIF and GitLab reports, and
# every JSON or Markdown file written, stopped with an internal error


def _names(folder: Path) -> tuple[Path, Path]:
    good = folder / os.fsdecode(b"b\xff.yaml")
    bad = folder / os.fsdecode(b"e\xfe.yaml")
    shutil.copy(EXAMPLE, good)
    bad.write_text(EXAMPLE.read_text("utf-8").replace("head: lmhtxvn", "head: zzz", 1), "utf-8")
    return good, bad


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes")
@pytest.mark.parametrize(("args", "code"), [
    (("lint", "-f", "sarif", "."), 1),
    (("lint", "-f", "gitlab", "."), 1),
    (("lint", "-f", "json", "-o", "out.json", "."), 1),
    (("lint", "-f", "sarif", "-o", "out.json", "."), 1),
    (("report", "-f", "json", "{good}", "-o", "out.json"), 0),
    (("report", "-f", "json", ".", "-o", "reports/"), 1),
    (("report", "-f", "md", "{good}", "-o", "out.md"), 0),
], ids=["sarif", "gitlab", "lint-json-o", "lint-sarif-o", "report-json", "report-folder",
        "report-md"])
def test_a_name_that_is_not_utf8_is_reported(args: tuple[str, ...], code: int,
                                             tmp_path: Path) -> None:
    good, _ = _names(tmp_path)
    r = thidua(*(a.format(good=good.name) for a in args), cwd=tmp_path)
    clean(r.stdout + r.stderr)
    assert r.returncode == code, r.stderr
    if args[1] == "sarif" and "-o" not in args:
        uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
                for run in json.loads(r.stdout)["runs"] for res in run["results"]
                for loc in res["locations"]}
        assert uris == {"e%FE.yaml"}  # the name's bytes, percent-encoded
    if args[1] == "gitlab":
        assert json.loads(r.stdout)[0]["location"]["path"] == os.fsdecode(b"e\xfe.yaml")


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes")
def test_a_json_report_names_a_non_utf8_plan_so_that_it_is_found_again(tmp_path: Path) -> None:
    good, _ = _names(tmp_path)
    r = thidua("report", "-f", "json", good.name, "-o", "out.json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    data = (tmp_path / "out.json").read_bytes()
    assert b'"plan": "b\\udcff.yaml"' in data  # JSON's escape of the character Python reads
    assert (tmp_path / json.loads(data)["plan"]).exists()


def test_a_template_writing_a_lone_surrogate_renders(plan: Path) -> None:
    tpl = plan.parent / "tpl"
    tpl.mkdir()
    (tpl / "plan.md.j2").write_text("{{ '\\ud800' }} {{ year }}\n", "utf-8")
    r = thidua("render", "plan.yaml", "-f", "md", "--template-dir", "tpl", "-o", "out.md",
               cwd=plan.parent)
    clean(r.stdout + r.stderr)
    assert r.returncode == 0, r.stderr
    assert (plan.parent / "out.md").read_text("utf-8") == "\\ud800 2022\n"


# -- a number Python cannot print (past 4,300 digits): a hex year printed the
# message "must be at most {le}, got {value}" unfilled, and diff stopped halfway
# with an internal error; in .thidua.toml it was an internal error


_HUGE_HEX = "0x" + "1" * 5000


@pytest.mark.parametrize("value", [_HUGE_HEX, "0o" + "7" * 6000, "0b" + "1" * 20000,
                                   "1" * 5000])
def test_a_number_too_long_to_print_is_text(value: str, plan: Path) -> None:
    text = plan.read_text("utf-8").replace("year: 2022", f"year: {value}", 1)
    (plan.parent / "huge.yaml").write_text(text, "utf-8")
    r = thidua("lint", "huge.yaml", cwd=plan.parent)
    clean(r.stdout + r.stderr)
    assert r.returncode == 1
    assert "huge.yaml:12:7: error TD002 [schema] expected a whole number, got text" in r.stdout
    assert "{" not in r.stdout


@pytest.mark.parametrize("fmt", ["text", "md", "json"])
def test_diff_shows_a_number_too_long_to_print(fmt: str, plan: Path) -> None:
    text = plan.read_text("utf-8").replace("year: 2022", f"year: {_HUGE_HEX}", 1)
    (plan.parent / "huge.yaml").write_text(text, "utf-8")
    r = thidua("diff", "-f", fmt, "plan.yaml", "huge.yaml", cwd=plan.parent)
    clean(r.stdout + r.stderr)
    assert r.returncode == 0, r.stderr
    assert "changed" in r.stdout and "0x" + "1" * 100 in r.stdout  # as written (md cuts it)


def test_a_hex_number_a_message_echoes_is_shown_short(plan: Path) -> None:
    (plan.parent / ".thidua.toml").write_text(
        '[awards."Cờ"]\nthreshold = 0x' + "f" * 300 + "\n", "utf-8")
    r = thidua("lint", "plan.yaml", cwd=plan.parent)
    assert r.returncode == 2
    assert r.stderr == ('thidua: error: .thidua.toml:2: [awards."Cờ"]: threshold is 1.722e+361; '
                        "write a percentage above 0 and at most 100, with two decimals at most "
                        "(as the documents print it), e.g. 80 or 66.67\n")


def test_a_toml_number_of_5000_digits_is_a_located_error(plan: Path) -> None:
    (plan.parent / ".thidua.toml").write_text(
        'select = ["TD1"]\nx = ' + "1" * 5000 + "\n", "utf-8")
    r = thidua("lint", "plan.yaml", cwd=plan.parent)
    clean(r.stderr)
    assert r.returncode == 2
    assert r.stderr.startswith("thidua: error: .thidua.toml:2: TOML syntax error: Exceeds the "
                               "limit (4300 digits) for integer string conversion")


# -- a folder tree 1,000 levels deep: collecting its plans, and matching an
# exclude pattern with ** against them, recursed once a level (RecursionError)


@pytest.fixture
def deep(tmp_path: Path) -> Iterator[Path]:
    """A plan 1,100 folders below ``tmp_path``, and a hidden folder beside them.

    Removed from the bottom up afterwards: pytest's own clean-up of old
    temporary folders (``shutil.rmtree``) recurses once a level, and would stop
    every later pytest run on this machine with a RecursionError.
    """
    chain = []
    here = tmp_path
    for _ in range(1100):
        here = here / "a"
        os.mkdir(here)
        chain.append(here)
    shutil.copy(EXAMPLE, here / "plan.yaml")
    hidden = tmp_path / ".git"
    hidden.mkdir()
    (hidden / "x.yaml").write_text("not: [a plan\n", "utf-8")
    try:
        yield tmp_path
    finally:
        (here / "plan.yaml").unlink()
        for folder in reversed(chain):
            folder.rmdir()


@pytest.mark.parametrize(("config", "files"), [
    ("", 1),
    ('exclude = ["**/zz/**/q/**"]\n', 1),
    ('exclude = ["**/a/plan.yaml"]\n', 0),
    ('exclude = ["a/**"]\n', 0),
], ids=["no-config", "exclude-missing", "exclude-file", "exclude-folder"])
def test_a_folder_tree_1000_deep_is_walked(config: str, files: int, deep: Path) -> None:
    if config:
        (deep / ".thidua.toml").write_text(config, "utf-8")
    r = thidua("lint", ".", cwd=deep)
    clean(r.stdout + r.stderr)
    assert r.returncode == 0, r.stderr
    assert r.stdout == f"{files} file(s) checked, no problems\n"


def test_a_linked_folder_is_not_entered_and_a_loop_ends(plan: Path) -> None:
    sub = plan.parent / "sub"
    sub.mkdir()
    (sub / "loop").symlink_to("..")
    r = thidua("lint", ".", cwd=plan.parent)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "1 file(s) checked, no problems\n"


# -- `new` of a name past the system's path limit: the schema modeline's lookup
# raised ENAMETOOLONG, an internal error


@pytest.mark.parametrize("source", [False, True], ids=["skeleton", "from"])
def test_new_with_a_path_past_the_limit_is_a_message(source: bool, plan: Path) -> None:
    long = "/".join(["d" * 200] * 25) + "/new.yaml"
    args = ["new", long, "--year", "2023", *(["--from", "plan.yaml"] if source else [])]
    r = thidua(*args, cwd=plan.parent)
    clean(r.stdout + r.stderr)
    assert r.returncode == 2
    assert r.stderr.rstrip().endswith("new.yaml: the name is too long for the file system")


# -- a damaged zip (a byte flipped in a deflated part, a bad checksum, a method
# zipfile lacks, an encrypted part): an internal error in the DOCX template
# check, the importer and `scores import`


def _damage(source: Path, target: Path, part: str, how: str) -> Path:
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as z:
        info = z.getinfo(part)
    start = info.header_offset
    body = start + 30 + int.from_bytes(data[start + 26:start + 28], "little") \
        + int.from_bytes(data[start + 28:start + 30], "little")
    central = data.find(b"PK\x01\x02")
    if how == "inflate":
        for i in range(body + 2, body + min(info.compress_size - 2, 40)):
            data[i] ^= 0x5A
    elif how == "checksum":
        data[start + 14] ^= 0xFF
        at = central
        while at >= 0:
            size = int.from_bytes(data[at + 28:at + 30], "little")
            if bytes(data[at + 46:at + 46 + size]) == part.encode():
                data[at + 16] ^= 0xFF
            at = data.find(b"PK\x01\x02", at + 4)
    else:  # every entry: compression method 99 (AES), or flagged encrypted
        for signature, offset in ((b"PK\x03\x04", 0), (b"PK\x01\x02", 2)):
            at = data.find(signature)
            while at >= 0:
                if how == "method":
                    data[at + 8 + offset:at + 10 + offset] = (99).to_bytes(2, "little")
                else:
                    data[at + 6 + offset] |= 1
                at = data.find(signature, at + 4)
    target.write_bytes(bytes(data))
    return target


DAMAGE = ["inflate", "checksum", "method", "encrypted"]


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_docx_template_is_a_message(how: str, plan: Path) -> None:
    tpl = plan.parent / "tpl"
    tpl.mkdir()
    _damage(TEMPLATE, tpl / "plan.docx", "word/document.xml", how)
    r = thidua("render", "plan.yaml", "-f", "docx", "--template-dir", "tpl", "-o", "out.docx",
               cwd=plan.parent)
    clean(r.stdout + r.stderr)
    assert r.returncode == 2
    assert "tpl/plan.docx is not a usable DOCX template" in r.stderr
    assert not (plan.parent / "out.docx").exists()


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_word_document_is_a_message(how: str, tmp_path: Path) -> None:
    _damage(LETTER, tmp_path / "in.docx", "word/document.xml", how)
    r = thidua("import", "in.docx", "-o", "out.yaml", cwd=tmp_path)
    clean(r.stdout + r.stderr)
    assert r.returncode == 2
    assert "in.docx is not a Word document (.docx)" in r.stderr
    assert not (tmp_path / "out.yaml").exists()


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_workbook_is_a_message(how: str, tmp_path: Path) -> None:
    shutil.copy(SCORING, tmp_path / "plan.yaml")
    assert thidua("scores", "sheets", "plan.yaml", "-o", "sheets", cwd=tmp_path).returncode == 0
    sheet = sorted((tmp_path / "sheets").glob("*.xlsx"))[0]
    _damage(sheet, tmp_path / "in.xlsx", "xl/worksheets/sheet1.xml", how)
    before = (tmp_path / "plan.yaml").read_bytes()
    r = thidua("scores", "import", "plan.yaml", "in.xlsx", cwd=tmp_path)
    clean(r.stdout + r.stderr)
    assert r.returncode == 2
    assert "in.xlsx is damaged or not an Excel workbook" in r.stderr
    assert (tmp_path / "plan.yaml").read_bytes() == before


# -- a signal while LibreOffice converts a .doc for `import`: it ran outside the
# process group that `render`'s PDF conversion has, and soffice.bin outlived
# thidua, recreating its removed temporary folder


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT],
                         ids=lambda s: signal.Signals(s).name)
def test_a_signal_during_doc_conversion_leaves_no_libreoffice(signum: int,
                                                              tmp_path: Path) -> None:
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--norestore", "--convert-to", "doc", "--outdir",
                    str(tmp_path / "in"), str(LETTER)], check=True, capture_output=True,
                   timeout=180)
    here = tmp_path / "in"
    tmp = tmp_path / "tmp"  # named on LibreOffice's command line: these processes, only these
    tmp.mkdir()
    signal_office(["import", "letterhead-table.doc", "-o", "plan.yaml"], here, tmp, signum)
    assert sorted(p.name for p in here.iterdir()) == ["letterhead-table.doc"]


# -- a valid name of 4-byte characters (62 emoji, 253 bytes): the temporary
# file's name took its first 64 characters, 256 bytes, and the file system
# refused it: "the name is too long" for a name it holds


_EMOJI = "\U0001f600" * 62


@pytest.mark.parametrize("writer", WRITERS)
def test_an_output_named_in_four_byte_characters_is_written(writer: tuple[str, ...],
                                                            plan: Path) -> None:
    out = plan.parent / f"{_EMOJI}{suffix_for(writer)}"
    assert len(os.fsencode(out.name)) in (252, 253)
    r = thidua(*args_of(writer, plan, out), cwd=plan.parent)
    clean(r.stdout + r.stderr)
    assert "too long" not in r.stderr, r.stderr
    assert out.stat().st_size > 0
    assert sorted(os.listdir(plan.parent)) == sorted(["plan.yaml", out.name])


def test_fix_of_a_plan_named_in_four_byte_characters(tmp_path: Path) -> None:
    named = tmp_path / f"{_EMOJI}.yaml"
    named.write_text(EXAMPLE.read_text("utf-8").replace("Ủy ban", "U\u0309y ban"), "utf-8")
    r = thidua("lint", "--fix", named.name, cwd=tmp_path)
    clean(r.stdout + r.stderr)
    assert r.returncode == 0, r.stderr
    assert "U\u0309y" not in named.read_text("utf-8")
    assert os.listdir(tmp_path) == [named.name]
