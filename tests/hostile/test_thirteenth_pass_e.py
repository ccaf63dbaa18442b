"""Found by the thirteenth red-team pass on the environment a command runs in and
the names it is given, each as a real process.

Beside the defects (JSON that was no JSON on a terminal that is not UTF-8, a
``COLUMNS`` that hung ``--help``), the rows marked *held* are attacks that
already failed: kept so that they keep failing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .common import ROOT, no_traceback, thidua

SCORING = ROOT / "tests" / "plans" / "valid" / "scoring.yaml"
PLAN = ROOT / "plans" / "plan-2022.yaml"
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
BAD = 'year: 2022\nname: "Bộ Tài chính"\nxx: 1\n'


def raw(*args: str | bytes, cwd: Path, env: dict[str, str] | None = None,
        timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    """thidua's bytes as they are (``thidua`` decodes them as UTF-8)."""
    full_env = {k: v for k, v in os.environ.items()
                if k not in ("THIDUA_LANG", "FORCE_COLOR", "THIDUA_DEBUG", "PYTHONIOENCODING")}
    full_env.update({"LANG": "C.UTF-8", "LC_ALL": "", "NO_COLOR": "1", **(env or {})})
    return subprocess.run([sys.executable, "-m", "thidua_cli", *args], capture_output=True,
                          cwd=cwd, env=full_env, timeout=timeout, check=False)


def clean(proc: subprocess.CompletedProcess[bytes]) -> None:
    output = proc.stdout + proc.stderr
    assert b"Traceback" not in output and b"internal error" not in output, output[-2000:]


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    shutil.copy(PLAN, tmp_path / "p.yaml")
    shutil.copy(SCORING, tmp_path / "s.yaml")
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    return tmp_path


# --- the terminal's encoding -------------------------------------------------------------

#: What a terminal that is not UTF-8 looks like to Python, whatever locales the
#: machine has generated (``LANG=en_US.ISO-8859-1`` gives the second).
ENCODINGS = {
    "ascii": {"PYTHONIOENCODING": "ascii"},
    "latin-1 strict": {"PYTHONIOENCODING": "latin-1:strict"},
    "cp1252": {"PYTHONIOENCODING": "cp1252"},
    "C locale, no UTF-8 mode": {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0"},
}

JSON_COMMANDS = {
    "lint -f json": ("lint", "-f", "json", "bad.yaml", "s.yaml"),
    "lint -f sarif": ("lint", "-f", "sarif", "bad.yaml", "s.yaml"),
    "lint -f gitlab": ("lint", "-f", "gitlab", "bad.yaml", "s.yaml"),
    "report -f json": ("report", "-f", "json", "p.yaml"),
    "report -f json of two": ("report", "-f", "json", "p.yaml", "s.yaml"),
    "diff -f json": ("diff", "-f", "json", "p.yaml", "s.yaml"),
}


@pytest.mark.parametrize("encoding", ENCODINGS.values(), ids=list(ENCODINGS))
@pytest.mark.parametrize("args", JSON_COMMANDS.values(), ids=list(JSON_COMMANDS))
def test_json_on_a_terminal_that_is_not_utf8_is_json(plans: Path, encoding: dict[str, str],
                                                      args: tuple[str, ...]) -> None:
    """Was ``"B\\u1ed9 T\\xe0i"`` (``\\xe0`` is no JSON escape) or Latin-1 bytes: now
    ASCII with JSON's escapes, the same document as on a UTF-8 terminal."""
    env = {"THIDUA_LANG": "vi", **encoding}
    proc = raw(*args, cwd=plans, env=env)
    clean(proc)
    assert proc.stdout.isascii(), proc.stdout[:300]
    utf8 = raw(*args, cwd=plans, env={"THIDUA_LANG": "vi"})
    assert proc.returncode == utf8.returncode
    assert json.loads(proc.stdout.decode("ascii")) == json.loads(utf8.stdout.decode("utf-8"))


@pytest.mark.parametrize("encoding", ENCODINGS.values(), ids=list(ENCODINGS))
@pytest.mark.parametrize("args", [
    ("--help",), ("lint", "--help"), ("rules",), ("lint", "bad.yaml"),
    ("render", "p.yaml", "-o", "-"), ("report", "p.yaml"), ("diff", "p.yaml", "s.yaml"),
    ("lint", "missing.yaml"), ("bogus",), ("schema",),
], ids=lambda a: " ".join(a))
def test_text_on_a_terminal_that_is_not_utf8_is_escaped_held(
        plans: Path, encoding: dict[str, str], args: tuple[str, ...]) -> None:
    """*held*: Vietnamese a terminal cannot show is a backslash escape, never a crash."""
    proc = raw(*args, cwd=plans, env={"THIDUA_LANG": "vi", **encoding})
    clean(proc)
    assert proc.returncode in (0, 1, 2)
    if encoding.get("PYTHONIOENCODING") == "ascii":
        assert proc.stdout.isascii() and proc.stderr.isascii()


@pytest.mark.parametrize("encoding", ENCODINGS.values(), ids=list(ENCODINGS))
@pytest.mark.parametrize("args", [
    ("render", "p.yaml", "-o", "out.md"),
    ("lint", "-f", "json", "bad.yaml", "-o", "out.md"),
    ("report", "-f", "json", "p.yaml", "-o", "out.md"),
], ids=lambda a: " ".join(a[:3]))
def test_files_are_utf8_whatever_the_terminal_held(plans: Path, encoding: dict[str, str],
                                                   args: tuple[str, ...]) -> None:
    """*held*: a file written is UTF-8, the same as on a UTF-8 terminal."""
    clean(raw(*args, cwd=plans, env={"THIDUA_LANG": "vi", **encoding}))
    written = (plans / "out.md").read_bytes()
    clean(raw(*args, cwd=plans, env={"THIDUA_LANG": "vi"}))
    assert written == (plans / "out.md").read_bytes()
    assert not written.isascii()
    written.decode("utf-8")


# --- names that are not UTF-8 ------------------------------------------------------------

NAME = b"p\xff.yaml"


@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab", "github", "text"])
def test_a_name_that_is_not_utf8_in_every_lint_format_held(plans: Path, fmt: str) -> None:
    """*held*: the output is UTF-8, JSON stays JSON, SARIF stays valid."""
    (plans / os.fsdecode(NAME)).write_text(BAD, encoding="utf-8")
    proc = raw("lint", "-f", fmt, os.fsdecode(NAME), "bad.yaml", cwd=plans,
               env={"THIDUA_LANG": "vi"})
    clean(proc)
    assert proc.returncode == 1
    text = proc.stdout.decode("utf-8")
    if fmt in ("json", "sarif", "gitlab"):
        document = json.loads(text)
        if fmt == "sarif" and SARIF_SCHEMA.exists():
            jsonschema = pytest.importorskip("jsonschema")
            jsonschema.Draft7Validator(json.loads(SARIF_SCHEMA.read_text())).validate(document)
            uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    for r in document["runs"][0]["results"]}
            assert "p%FF.yaml" in uris
    else:
        # the byte as a shell's escapes show it (the fourteenth pass): not the
        # character U+DCFF that Python reads it as
        assert "p\\xff.yaml:" in text or "file=p\\xff.yaml" in text
        assert "udcff" not in text


@pytest.mark.parametrize("args", [
    ("diff", "-f", "json", "NAME", "s.yaml"), ("report", "-f", "json", "NAME"),
], ids=["diff", "report"])
def test_a_name_that_is_not_utf8_in_json_documents_held(plans: Path, args: tuple[str, ...]) -> None:
    shutil.copy(PLAN, plans / os.fsdecode(NAME))
    proc = raw(*(os.fsdecode(NAME) if a == "NAME" else a for a in args), cwd=plans)
    clean(proc)
    json.loads(proc.stdout.decode("utf-8"))


@pytest.mark.parametrize("args, written", [
    (("render", "NAME"), b"p\xff.docx"),
    (("render", "-f", "md", "NAME"), b"p\xff.md"),
    (("report", "NAME", "-o", "out/"), b"out/p\xff-report.docx"),
], ids=["render", "render md", "report -o dir/"])
def test_a_name_that_is_not_utf8_round_trips_held(plans: Path, args: tuple[str, ...],
                                                  written: bytes) -> None:
    """*held*: ``render p\\xff.yaml`` writes ``p\\xff.docx``, its bytes kept."""
    shutil.copy(PLAN, plans / os.fsdecode(NAME))
    proc = raw(*(os.fsdecode(NAME) if a == "NAME" else a for a in args), cwd=plans)
    clean(proc)
    assert proc.returncode == 0, proc.stderr
    assert os.path.exists(os.path.join(os.fsencode(plans), written))


# --- the terminal's size -----------------------------------------------------------------

SIZES = {
    "COLUMNS=999999999": {"COLUMNS": "999999999"},
    "COLUMNS of 22 digits": {"COLUMNS": "9" * 22},
    "COLUMNS of 5,000 digits": {"COLUMNS": "9" * 5000},
    "COLUMNS with a space": {"COLUMNS": " 99999999"},
    "LINES of 22 digits": {"LINES": "9" * 22},
    "COLUMNS=0 (held)": {"COLUMNS": "0"},
    "COLUMNS=-5 (held)": {"COLUMNS": "-5"},
    "COLUMNS=abc (held)": {"COLUMNS": "abc"},
    "COLUMNS=1 (held)": {"COLUMNS": "1"},
    "TERM=dumb (held)": {"TERM": "dumb"},
    "FORCE_COLOR=1, not a terminal (held)": {"FORCE_COLOR": "1", "NO_COLOR": ""},
}


@pytest.mark.parametrize("env", SIZES.values(), ids=list(SIZES))
@pytest.mark.parametrize("args", [("--help",), ("lint", "--help"), ("rules",),
                                  ("lint", "bad.yaml")], ids=lambda a: " ".join(a))
def test_a_hostile_terminal_size(plans: Path, env: dict[str, str], args: tuple[str, ...]) -> None:
    """``COLUMNS=999999999 thidua --help`` ran until killed (rich pads each line to
    it), 22 digits were ``internal error: OverflowError``: now 1,000 columns at most."""
    run = thidua(*args, cwd=plans, env=env, timeout=60)
    no_traceback(run)
    assert run.returncode in (0, 1), run.stderr
    assert max(map(len, run.stdout.splitlines())) <= 1000
    assert run.seconds < 30


# --- other variables (held) --------------------------------------------------------------

def environments(tmp: Path) -> dict[str, dict[str, str]]:
    (tmp / "afile").write_text("x")
    os.mkfifo(tmp / "fifo")
    return {
        "THIDUA_LANG=xx": {"THIDUA_LANG": "xx"},
        "THIDUA_LANG empty": {"THIDUA_LANG": ""},
        "THIDUA_LANG=vi and a newline": {"THIDUA_LANG": "vi\n"},
        "THIDUA_CACHE_DIR relative": {"THIDUA_CACHE_DIR": "rel"},
        "THIDUA_CACHE_DIR a file": {"THIDUA_CACHE_DIR": str(tmp / "afile")},
        "THIDUA_CACHE_DIR /dev/null": {"THIDUA_CACHE_DIR": "/dev/null"},
        "THIDUA_CACHE_DIR a FIFO": {"THIDUA_CACHE_DIR": str(tmp / "fifo")},
        "THIDUA_CACHE_DIR empty": {"THIDUA_CACHE_DIR": ""},
        "TMPDIR missing": {"TMPDIR": str(tmp / "missing")},
        "TMPDIR a file": {"TMPDIR": str(tmp / "afile")},
        "HOME missing": {"HOME": str(tmp / "missing")},
        "HOME empty": {"HOME": ""},
    }


def test_hostile_variables_held(plans: Path) -> None:
    """*held*: each variable, each command: a result or a message, never a crash, no hang."""
    for name, env in environments(plans).items():
        for args in (("--help",), ("lint", "bad.yaml"), ("render", "p.yaml", "-o", "-"),
                     ("render", "-f", "docx", "p.yaml", "-o", "o.docx"),
                     ("scores", "sheets", "s.yaml", "-o", "sheets/")):
            run = thidua(*args, cwd=plans, env=env, timeout=120)
            no_traceback(run)
            assert run.returncode in (0, 1, 2), (name, args, run.stderr)
    assert (plans / "afile").read_text() == "x"


# --- git's environment -------------------------------------------------------------------

def repository(folder: Path, plan: Path, name: str) -> None:
    folder.mkdir(parents=True)
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(plan, folder / name)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q"], cwd=folder, check=True)
    subprocess.run([*git, "add", "."], cwd=folder, check=True)
    subprocess.run([*git, "commit", "-qm", "plan"], cwd=folder, check=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("variables", [
    {"GIT_DIR": "OTHER/.git"},
    {"GIT_DIR": "OTHER/.git", "GIT_WORK_TREE": "OTHER"},
    {"GIT_DIR": ".git"},  # what a hook run at the top of the repository may see
    {"GIT_WORK_TREE": "OTHER"},
    {"GIT_INDEX_FILE": "OTHER/.git/index"},
], ids=["GIT_DIR", "GIT_DIR and GIT_WORK_TREE", "relative GIT_DIR", "GIT_WORK_TREE",
        "GIT_INDEX_FILE"])
def test_diff_of_a_path_reads_the_files_own_repository(tmp_path: Path,
                                                       variables: dict[str, str]) -> None:
    """``GIT_DIR=/other/.git thidua diff sub/p.yaml`` compared the plan with the other
    repository's ``p.yaml`` (labelled ``HEAD:sub/p.yaml``); a relative ``GIT_DIR``
    was ``not a git repository``. The file's own repository is read."""
    repository(tmp_path / "mine", PLAN, "sub/p.yaml")
    repository(tmp_path / "other", SCORING, "p.yaml")
    other = str(tmp_path / "other")
    env = {k: v.replace("OTHER", other) for k, v in variables.items()}
    run = thidua("diff", "sub/p.yaml", cwd=tmp_path / "mine", env=env)
    no_traceback(run)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert "changed" not in run.stdout and "added" not in run.stdout, run.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_without_git_on_path_held(tmp_path: Path) -> None:
    """*held*: ``PATH`` without git is a message, exit 2."""
    repository(tmp_path / "mine", PLAN, "p.yaml")
    for args in (("diff", "p.yaml"), ("diff", "HEAD:p.yaml", "p.yaml")):
        run = thidua(*args, cwd=tmp_path / "mine", env={"PATH": str(tmp_path / "none")})
        no_traceback(run)
        assert run.returncode == 2
        assert "git is not installed" in run.stderr, run.stderr


# --- long names --------------------------------------------------------------------------

def deep_tree(top: Path, levels: int, name: str) -> None:
    """``levels`` folders of 240 bytes each below ``top`` and a plan ``name`` at the
    bottom, made through descriptors (the whole path may pass ``PATH_MAX``)."""
    fd = os.open(top, os.O_RDONLY)
    try:
        for _ in range(levels):
            os.mkdir("ộ" * 80, dir_fd=fd)
            below = os.open("ộ" * 80, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = below
        plan = os.open(name, os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(plan, PLAN.read_bytes())
        os.close(plan)
    finally:
        os.close(fd)


@pytest.mark.parametrize("levels, name", [
    (20, "p.yaml"),  # the folder itself is past PATH_MAX: was "no plan files"
    (16, "ộ" * 80 + ".yaml"),  # the folder within, the file past: was an internal error
], ids=["folder past PATH_MAX", "file past PATH_MAX"])
@pytest.mark.parametrize("args", [("lint", "."), ("lint", "--fix", "."),
                                  ("report", ".", "-o", "out/")], ids=lambda a: " ".join(a))
def test_a_plan_past_path_max_is_named(tmp_path: Path, levels: int, name: str,
                                       args: tuple[str, ...]) -> None:
    """A plan the walk finds but no name reaches is refused, exit 2, never passed over."""
    deep_tree(tmp_path, levels, name)
    shutil.copy(PLAN, tmp_path / "top.yaml")
    run = thidua(*args, cwd=tmp_path)
    no_traceback(run)
    assert run.returncode == 2, run.stdout[-500:] + run.stderr[-500:]
    assert "too long" in run.stderr, run.stderr[-500:]
    # `report -o dir/` writes each plan's report on its own (robustness.md, the
    # eleventh pass): the plan that can be read gets its own, the other none.
    written = sorted(p.name for p in (tmp_path / "out").iterdir()) \
        if (tmp_path / "out").exists() else []
    assert written in ([], ["top-report.docx"]), written


@pytest.mark.parametrize("stem", ["ộ" * 82 + "ab", "ộ" * 80], ids=["254 bytes", "245 bytes"])
@pytest.mark.parametrize("args", [("render", "-f", "md"), ("render", "-f", "docx"),
                                  ("lint", "--fix")], ids=lambda a: " ".join(a))
def test_a_name_at_name_max_is_written_held(tmp_path: Path, stem: str,
                                            args: tuple[str, ...]) -> None:
    """*held*: the temporary file's longer name does not push the output past 255 bytes."""
    plan = tmp_path / f"{stem}.yaml"
    shutil.copy(PLAN, plan)
    run = thidua(*args, plan.name, cwd=tmp_path)
    no_traceback(run)
    assert run.returncode == 0, run.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


ODD_NAMES = ["-x.yaml", "a\nb.yaml", "*.yaml", "?.yaml", "[a].yaml", "   .yaml", "   ",
             "--", "-o.yaml"]


@pytest.mark.parametrize("name", ODD_NAMES, ids=repr)
def test_odd_names_after_double_dash_held(tmp_path: Path, name: str) -> None:
    """*held*: each command takes the name as a file after ``--``, no glob, no option."""
    shutil.copy(PLAN, tmp_path / name)
    shutil.copy(SCORING, tmp_path / "s.yaml")
    for args in (("lint", "--", name), ("render", "-f", "md", "--", name),
                 ("report", "-f", "md", "--", name), ("diff", "--", name, "s.yaml"),
                 ("lint", "--fix", "--", name)):
        run = thidua(*args, cwd=tmp_path)
        no_traceback(run)
        assert run.returncode in (0, 1), (args, run.stderr)
    assert (tmp_path / name).read_bytes() == PLAN.read_bytes()
