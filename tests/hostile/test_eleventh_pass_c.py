"""Found by the eleventh red-team pass on what thidua reads and runs, each as a real process.

Beside the defects (git running a repository's commands, a plan named ``-``
under git's driver, quadratic unknown keys, raw bidi in JSON, unbounded
``lipsum``), the rows marked *held* are attacks that already failed: kept so
that they keep failing.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .common import ROOT, Run, no_traceback, thidua, unusable
from .test_lsp_hostile import END, INIT, answers, frame

SCORING = ROOT / "tests" / "plans" / "valid" / "scoring.yaml"
PLAN = ROOT / "plans" / "plan-2022.yaml"


# --- git ---------------------------------------------------------------------------

def git_env(home: Path) -> dict[str, str]:
    """No user or system configuration of the machine running the tests."""
    return {"HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null"}


def repo(tmp_path: Path, text: str | None = None, name: str = "plan.yaml") -> Path:
    """A repository holding one committed plan."""
    top = tmp_path / "repo"
    top.mkdir()
    env = {**os.environ, **git_env(tmp_path)}

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=top, env=env, check=True, capture_output=True)

    git("init", "-q")
    (top / name).write_text(text or SCORING.read_text("utf-8"), "utf-8")
    git("add", "--", name)
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "plan")
    return top


def git_config(top: Path, *pairs: tuple[str, str]) -> None:
    for key, value in pairs:
        subprocess.run(["git", "config", key, value], cwd=top, check=True)


def test_the_fsmonitor_hook_of_the_repository_is_not_run(tmp_path: Path) -> None:
    # `:plan.yaml` reads the index, and git ran core.fsmonitor to refresh it.
    top = repo(tmp_path)
    marker = tmp_path / "ran"
    git_config(top, ("core.fsmonitor", f"touch {marker}; false"))
    for args in ((":plan.yaml", "plan.yaml"), ("plan.yaml",), ("HEAD:plan.yaml", ":plan.yaml")):
        run = thidua("diff", *args, cwd=top, env=git_env(tmp_path))
        no_traceback(run)
        assert run.returncode == 0, run.stderr
        assert not marker.exists(), args


def test_a_partial_clones_lazy_fetch_runs_no_command(tmp_path: Path) -> None:
    # A blob a partial clone lacks is fetched from its promisor remote: a
    # remote `ext::sh -c …` (protocol.ext.allow in the repository's own
    # configuration) ran a command of the repository's choosing.
    top = repo(tmp_path)
    marker = tmp_path / "ran"
    blob = subprocess.run(["git", "rev-parse", "HEAD:plan.yaml"], cwd=top, check=True,
                          capture_output=True, text=True).stdout.strip()
    (top / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    git_config(top, ("core.repositoryformatversion", "1"), ("extensions.partialClone", "origin"),
               ("remote.origin.promisor", "true"), ("protocol.allow", "always"),
               ("protocol.ext.allow", "always"), ("remote.origin.url", f"ext::touch {marker}"),
               ("core.sshCommand", f"touch {marker}"))
    run = thidua("diff", "HEAD:plan.yaml", "plan.yaml", cwd=top, env=git_env(tmp_path))
    unusable(run, "cannot read HEAD:plan.yaml from git:")
    assert not marker.exists()
    # A blob that is missing is no folder: git's own words say what happened.
    assert "folder or a commit" not in run.stderr and "bad file" in run.stderr


HELD_GIT = {  # cat-file reads the blob as stored: none of these runs
    "smudge filter": ("filter.x.smudge", "touch {m}; cat"),
    "clean filter": ("filter.x.clean", "touch {m}; cat"),
    "process filter": ("filter.x.process", "touch {m}"),
    "textconv": ("diff.x.textconv", "touch {m}; cat"),
    "diff.external": ("diff.external", "touch {m}"),
    "core.pager": ("core.pager", "touch {m}"),
    "core.sshCommand": ("core.sshCommand", "touch {m}"),
    "core.alternateRefsCommand": ("core.alternateRefsCommand", "touch {m}"),
}


@pytest.mark.parametrize("key", HELD_GIT, ids=list(HELD_GIT))
def test_held_the_repositorys_drivers_are_not_run(key: str, tmp_path: Path) -> None:
    top = repo(tmp_path)
    marker = tmp_path / "ran"
    (top / ".gitattributes").write_text("*.yaml filter=x diff=x\n")
    name, value = HELD_GIT[key]
    git_config(top, (name, value.format(m=marker)))
    (top / "plan.yaml").write_text(SCORING.read_text("utf-8") + "# edited\n", "utf-8")
    env = {**git_env(tmp_path), "GIT_EXTERNAL_DIFF": f"touch {marker}"}
    run = thidua("diff", "plan.yaml", cwd=top, env=env)
    no_traceback(run)
    assert run.returncode == 0, run.stderr
    assert not marker.exists()


def test_held_hooks_of_the_repository_are_not_run(tmp_path: Path) -> None:
    top = repo(tmp_path)
    hooks = top / "hooks"
    hooks.mkdir()
    marker = tmp_path / "ran"
    for hook in ("post-index-change", "reference-transaction", "post-checkout"):
        (hooks / hook).write_text(f"#!/bin/sh\ntouch {marker}\n")
        (hooks / hook).chmod(0o755)
    git_config(top, ("core.hooksPath", str(hooks)))
    run = thidua("diff", ":plan.yaml", "plan.yaml", cwd=top, env=git_env(tmp_path))
    assert run.returncode == 0, run.stderr
    assert not marker.exists()


def test_gits_message_of_several_lines_is_shown_whole_and_escaped(tmp_path: Path) -> None:
    # It was cut at its first line: `path 'pl` for a path holding a line break.
    top = repo(tmp_path)
    run = thidua("diff", "HEAD:pl\nan.yaml", "plan.yaml", cwd=top, env=git_env(tmp_path))
    unusable(run, "path 'pl\\nan.yaml' does not exist in 'HEAD'")
    assert run.stderr.count("\n") == 1


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="needs to give the repository to another user")
def test_gits_refusal_of_another_users_repository_is_shown_whole(tmp_path: Path) -> None:
    top = repo(tmp_path)
    for path in (top, *top.rglob("*")):
        os.lchown(path, 65534, 65534)
    run = thidua("diff", "plan.yaml", cwd=top, env=git_env(tmp_path))
    unusable(run, "detected dubious ownership")
    assert "safe.directory" in run.stderr  # the how-to-fix, on git's later lines
    assert run.stderr.count("\n") == 1


HELD_REVISIONS = {
    "outside the repository": ("HEAD:../../etc/passwd", "is outside repository"),
    "absolute path": ("HEAD:/etc/passwd", "not in 'HEAD'"),
    "commit message search": (":/no such commit:plan.yaml", "Not a valid object name"),
    "previous branch": ("@{-1}:plan.yaml", "cannot read @{-1}:plan.yaml from git"),
    "a folder": ("HEAD:", "not a file in git but a folder or a commit"),
    "an option": ("--output=/tmp/x:plan.yaml", "--output=/tmp/x:plan.yaml"),
}


@pytest.mark.parametrize("rev", HELD_REVISIONS, ids=list(HELD_REVISIONS))
def test_held_hostile_revisions_are_messages(rev: str, tmp_path: Path) -> None:
    top = repo(tmp_path)
    spec, message = HELD_REVISIONS[rev]
    unusable(thidua("diff", "--", spec, "plan.yaml", cwd=top, env=git_env(tmp_path)), message)


def test_held_git_missing_from_path_is_a_message(tmp_path: Path) -> None:
    top = repo(tmp_path)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()  # python only: no git
    os.symlink(sys.executable, bin_dir / "python")
    run = thidua("diff", "plan.yaml", cwd=top, env={**git_env(tmp_path), "PATH": str(bin_dir)})
    unusable(run, "git is not installed")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is needed")
def test_a_plan_named_dash_under_gits_driver_is_the_file_not_standard_input(
        tmp_path: Path) -> None:
    # git passes a work-tree file by its name: `-` was read from git's
    # standard input, whatever was piped into `git diff`.
    top = repo(tmp_path, name="-")
    (top / ".gitattributes").write_text("* diff=thidua\n")
    text = SCORING.read_text("utf-8").replace("year: 2022", "year: 2031")
    (top / "-").write_text(text, "utf-8")
    command = f"{sys.executable} -m thidua_cli diff"
    proc = subprocess.run(["git", "-c", f"diff.thidua.command={command}", "diff", "--", "-"],
                          cwd=top, input=b"year: 1999\n", capture_output=True,
                          env={**os.environ, **git_env(tmp_path), "NO_COLOR": "1"})
    out = proc.stdout.decode()
    assert proc.returncode == 0, proc.stderr.decode()
    assert "changed year: 2022 → 2031" in out, out
    assert "1999" not in out and "external diff died" not in proc.stderr.decode()


# --- YAML plans ---------------------------------------------------------------------

def unknown_keys(where: str) -> str:
    base = SCORING.read_text("utf-8")
    keys = "".join(f"{where}k{i}: 1\n" for i in range(20_000))
    if where:
        return base.replace("bloc:\n", "bloc:\n" + keys, 1)
    return base + keys


@pytest.mark.parametrize("where", ["", "  "], ids=["top level", "in the bloc"])
def test_twenty_thousand_unknown_keys_lint_in_linear_time(where: str, tmp_path: Path) -> None:
    # Each finding scanned its mapping's keys (three times), and difflib ran
    # twice a key: 8,000 keys took 72 s, 100,000 would have taken hours.
    plan = tmp_path / "plan.yaml"
    plan.write_text(unknown_keys(where), "utf-8")
    run = thidua("lint", str(plan))
    no_traceback(run)
    assert run.returncode == 1
    assert run.stdout.count("unknown key 'k") == 20_000
    assert run.seconds < 60, f"{run.seconds:.1f} s"


def test_an_unknown_key_keeps_its_hint(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(SCORING.read_text("utf-8").replace("title: Tổ", "tittle: Tổ", 1), "utf-8")
    run = thidua("lint", str(plan))
    assert "unknown key 'tittle'" in run.stdout and "'title'" in run.stdout, run.stdout


HELD_YAML = {
    "a 10 MB line with an error at its end":
        lambda: PLAN.read_text("utf-8") + "zzz: " + "a" * 10_000_000 + ": b: c\n",
    "%YAML 1.1 directive": lambda: "%YAML 1.1\n---\n" + PLAN.read_text("utf-8"),
    "%YAML 9.9 directive": lambda: "%YAML 9.9\n---\n" + PLAN.read_text("utf-8"),
    "a %TAG directive": lambda: "%TAG ! tag:x,2000:\n---\n" + PLAN.read_text("utf-8"),
    "a 10,000-digit number": lambda: SCORING.read_text("utf-8").replace(
        "max_points: 60", "max_points: " + "9" * 10_000, 1),
    "a year of 5,000 digits": lambda: SCORING.read_text("utf-8").replace(
        "year: 2022", "year: " + "9" * 5_000, 1),
    "a date in year 99999": lambda: SCORING.read_text("utf-8").replace(
        "date: 2022-12-20", "date: 99999-12-31", 1),
    "an id of 100,000 characters": lambda: SCORING.read_text("utf-8").replace(
        "id: btc", "id: " + "b" * 100_000, 1),
}


@pytest.mark.parametrize("case", HELD_YAML, ids=list(HELD_YAML))
def test_held_yaml_and_extreme_values(case: str, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(HELD_YAML[case](), "utf-8")
    for args in (("lint", str(plan)), ("diff", str(SCORING), str(plan))):
        run = thidua(*args)
        no_traceback(run)
        # lint reports a syntax error as TD001; diff cannot compare it (exit 2)
        assert run.returncode in ((0, 1) if args[0] == "lint" else (0, 1, 2)), run.stderr
        assert len(run.stdout) + len(run.stderr) < 1_000_000  # no 10 MB line echoed back
        assert run.seconds < 30


def test_held_ten_thousand_members(tmp_path: Path) -> None:
    members = "".join(f"    - {{id: m{i}, name: Thành viên {i}}}\n" for i in range(10_000))
    plan = tmp_path / "plan.yaml"
    plan.write_text(SCORING.read_text("utf-8").replace("  members:\n",
                                                       "  members:\n" + members, 1), "utf-8")
    run = thidua("render", str(plan), "-o", str(tmp_path / "out.md"))
    no_traceback(run)
    assert run.returncode == 0, run.stderr
    assert "Thành viên 9999" in (tmp_path / "out.md").read_text("utf-8")


# --- JSON outputs ---------------------------------------------------------------------

TRICKY = "b\u202etc\u2066\x1b\u200b\x85\x9b"
RAW = ("\u202e", "\u2066", "\u200b", "\x85", "\x9b", "\x1b")


def tricky_plan(tmp_path: Path) -> Path:
    plan = tmp_path / "tricky.yaml"
    text = SCORING.read_text("utf-8").replace("Bộ Nội vụ", f'"Bộ Nội vụ {TRICKY}"', 1)
    plan.write_text(text.replace(TRICKY, TRICKY.encode("unicode_escape").decode()), "utf-8")
    return plan


def texts(data: object) -> list[str]:
    if isinstance(data, dict):
        return [t for value in data.values() for t in texts(value)]
    if isinstance(data, list):
        return [t for value in data for t in texts(value)]
    return [data] if isinstance(data, str) else []


JSON_COMMANDS = {
    "diff -f json": lambda p: ("diff", "-f", "json", str(SCORING), str(p)),
    "report -f json": lambda p: ("report", "-f", "json", str(p), "-o", "-"),
}


@pytest.mark.parametrize("command", JSON_COMMANDS, ids=list(JSON_COMMANDS))
def test_json_outputs_escape_bidi_and_c1_characters(command: str, tmp_path: Path) -> None:
    # ensure_ascii=False wrote U+202E (reordering the line on a terminal or in
    # a CI log) and U+009B (a terminal's CSI) raw; JSON's escape reads back the same.
    run = thidua(*JSON_COMMANDS[command](tricky_plan(tmp_path)))
    no_traceback(run)
    assert run.returncode == 0, run.stderr
    assert not [c for c in RAW if c in run.stdout], run.stdout[:2000]
    assert "\\u202e" in run.stdout
    assert any(TRICKY in text for text in texts(json.loads(run.stdout)))  # reads back the same
    assert "Bộ Nội vụ" in run.stdout  # Vietnamese stays as written


@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab", "github", "text"])
def test_held_lint_formats_escape_a_bidi_id(fmt: str, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(SCORING.read_text("utf-8").replace(
        "head: btc", 'head: "b\\u202etc\\x1b[31m\\x9b"', 1), "utf-8")
    run = thidua("lint", "-f", fmt, str(plan))
    no_traceback(run)
    assert run.returncode == 1
    assert not [c for c in ("\u202e", "\x1b", "\x9b") if c in run.stdout], run.stdout[:2000]


# --- templates ------------------------------------------------------------------------

def render_with(template: str, tmp_path: Path) -> Run:
    folder = tmp_path / "tpl"
    folder.mkdir(exist_ok=True)
    (folder / "plan.md.j2").write_text(template, "utf-8")
    return thidua("render", str(PLAN), "--template-dir", str(folder),
                  "-o", str(tmp_path / "out.md"))


BOUNDED = {
    "lipsum paragraphs": ("{{ lipsum(100000000) | length }}", "lipsum()"),
    "lipsum n=": ("{{ lipsum(n=100000000) | length }}", "lipsum()"),
    "lipsum words": ("{{ lipsum(1, False, 100000000, 100000000) | length }}", "lipsum()"),
    "str.ljust": ("{{ 'x'.ljust(1000000000) | length }}", "ljust()"),
    "str.center width=": ("{{ 'x'.center(width=1000000000) | length }}", "center()"),
    "str.zfill": ("{{ '1'.zfill(1000000000) | length }}", "zfill()"),
    "str.expandtabs": ("{{ '\\t'.expandtabs(1000000000) | length }}", "expandtabs()"),
    "int.to_bytes": ("{{ (1).to_bytes(1000000000, 'big') | length }}", "to_bytes()"),
}


@pytest.mark.parametrize("case", BOUNDED, ids=list(BOUNDED))
def test_templates_cannot_widen_a_text_without_bound(case: str, tmp_path: Path) -> None:
    # Each ran until memory ran out (`lipsum(10**8)` held a 60 s timeout).
    template, message = BOUNDED[case]
    run = render_with(template, tmp_path)
    unusable(run, message)
    assert "sandbox forbids" in run.stderr
    assert not (tmp_path / "out.md").exists()
    assert run.max_rss_mb < 300 and run.seconds < 30


def test_small_widths_and_lipsum_still_render(tmp_path: Path) -> None:
    run = render_with("[{{ 'ab'.rjust(5) }}] {{ '7'.zfill(3) }} {{ lipsum(2, False) | length > 9 }}"
                      " {{ '{:,}'.format(50000000) }}\n", tmp_path)
    assert run.returncode == 0, run.stderr
    assert "007 True 50,000,000" in (tmp_path / "out.md").read_text("utf-8")


HELD_TEMPLATES = {
    "includes itself": ('{% include "plan.md.j2" %}', "RecursionError"),
    "extends itself": ('{% extends "plan.md.j2" %}', "RecursionError"),
    "imports itself": ('{% import "plan.md.j2" as x %}', "RecursionError"),
    "absolute include": ('{% include "/etc/passwd" %}', "TemplateNotFound"),
    "include ..": ('{% include "../plan.yaml" %}', "TemplateNotFound"),
    "include with NUL": ('{% include "a\\x00b" %}', "TemplateNotFound"),
    "include a list": ('{% include ["a", "/etc/hostname"] %}', "TemplatesNotFound"),
    "TemplateReference context": ("{{ self._TemplateReference__context }}", "sandbox forbids"),
    "cycler globals": ("{{ cycler.__init__.__globals__ }}", "sandbox forbids"),
    "lipsum globals": ("{{ lipsum.__globals__ }}", "sandbox forbids"),
    "range class": ("{{ range.__class__ }}", "sandbox forbids"),
    "joiner self": ("{{ joiner.__call__.__self__ }}", "sandbox forbids"),
}


@pytest.mark.parametrize("case", HELD_TEMPLATES, ids=list(HELD_TEMPLATES))
def test_held_template_escapes_are_messages(case: str, tmp_path: Path) -> None:
    template, message = HELD_TEMPLATES[case]
    run = render_with(template, tmp_path)
    unusable(run, message)
    assert "plan.md.j2:1" in run.stderr
    assert not (tmp_path / "out.md").exists()


def test_held_a_docx_template_with_dotdot_and_link_members(tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    shipped = zipfile.ZipFile(ROOT / "templates" / "plan.docx")
    with zipfile.ZipFile(folder / "plan.docx", "w", zipfile.ZIP_DEFLATED) as z:
        for info in shipped.infolist():
            z.writestr(info, shipped.read(info))
        z.writestr("../../evil.xml", "<a/>")
        z.writestr("/abs/evil.xml", "<a/>")
        link = zipfile.ZipInfo("word/link.bin")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        z.writestr(link, "/etc/passwd")
    out = tmp_path / "out" / "plan.docx"
    out.parent.mkdir()
    run = thidua("render", str(PLAN), "--template-dir", str(folder), "-o", str(out))
    no_traceback(run)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in tmp_path.rglob("evil*")) == []
    names = zipfile.ZipFile(out).namelist()
    assert not [n for n in names if ".." in n or n.startswith("/") or "link" in n], names


# --- configuration ----------------------------------------------------------------------

HELD_CONFIG = {
    "select a text": ('select = "TD1"\n', "'select' must be a list of texts"),
    "exclude a date": ("exclude = [1979-05-27]\n", "'exclude' must be a list of texts"),
    "today a time": ("today = 10:00:00\n", "not a date"),
    "docs_url nan": ("docs_url = nan\n", "must be an http(s) address"),
    "threshold nan": ('[awards."Cờ thi đua của Chính phủ"]\nthreshold = nan\n', "threshold is nan"),
    "threshold 1e400": ('[awards."Cờ thi đua của Chính phủ"]\nthreshold = 1e400\n',
                        "threshold is inf"),
    "quota true": ('[awards."Cờ thi đua của Chính phủ"]\nquota = true\n', "quota is True"),
    "unknown key": ('selct = ["TD1"]\n', "known keys: select"),
    "arrays 5,000 deep": ("a = " + "[" * 5000 + "]" * 5000 + "\n", "too deeply"),
}


@pytest.mark.parametrize("case", HELD_CONFIG, ids=list(HELD_CONFIG))
def test_held_configuration_mistakes_are_messages_at_their_line(case: str,
                                                                tmp_path: Path) -> None:
    text, message = HELD_CONFIG[case]
    (tmp_path / ".thidua.toml").write_text(text, "utf-8")
    (tmp_path / "plan.yaml").write_text(PLAN.read_text("utf-8"), "utf-8")
    run = thidua("lint", "plan.yaml", cwd=tmp_path)
    unusable(run, message)
    assert ".thidua.toml:" in run.stderr


# --- the language server ------------------------------------------------------------------

def test_held_the_language_server_with_hostile_uris_and_ranges() -> None:
    text = SCORING.read_text("utf-8")
    messages: list[dict[str, object]] = [INIT, {"jsonrpc": "2.0", "method": "initialized",
                                                "params": {}}]
    uris = ["file:///proc/self/environ", "file:///etc/passwd", "file:///dev/zero",
            "file://elsewhere/share/x.yaml", "file:///tmp/../../etc/shadow"]
    far = 10**6
    for n, uri in enumerate(uris):
        messages.append({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}})
        for start, end in (((far, 0), (far + 5, 3)), ((5, 10), (2, 0)), ((3, 10**9), (3, 10**9))):
            rng = {"start": {"line": start[0], "character": start[1]},
                   "end": {"line": end[0], "character": end[1]}}
            messages.append({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": 2},
                "contentChanges": [{"range": rng, "text": "x: ["}]}})
        messages.append({"jsonrpc": "2.0", "id": 100 + n, "method": "textDocument/documentSymbol",
                         "params": {"textDocument": {"uri": uri}}})
        messages.append({"jsonrpc": "2.0", "id": 200 + n, "method": "textDocument/hover",
                         "params": {"textDocument": {"uri": uri},
                                    "position": {"line": far, "character": 5}}})
    run = thidua("lsp", stdin=b"".join(frame(m) for m in (*messages, *END)))
    # The one backward range of each document is applied with its ends swapped, and
    # said (the thirteenth pass); nothing else is printed.
    backward = ("thidua lsp: a change's range ends (2:0) before it starts (5:10): applied "
                "between the two")
    assert (run.returncode, run.stderr.splitlines()) == (0, [backward] * len(uris)), run.stderr
    got = answers(run.stdout)
    assert {*range(100, 105), *range(200, 205), 99} <= set(got), sorted(got)
    assert "PATH=" not in run.stdout and "root:" not in run.stdout  # nothing read from disk


# --- a package inside a DOCX template ------------------------------------------------------

ALT_CHUNK = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def word_document(text: str, outside_image: str | None = None) -> bytes:
    """A small .docx; with ``outside_image``, a picture linked to that address."""
    import io

    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    if outside_image is None:
        return buffer.getvalue()
    inner = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in inner.infolist():
            data = inner.read(info)
            if info.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", (
                    '<Relationship Id="rIdPic" Type="http://schemas.openxmlformats.org/'
                    f'officeDocument/2006/relationships/image" Target="{outside_image}" '
                    'TargetMode="External"/></Relationships>').encode())
            z.writestr(info, data)
    return out.getvalue()


def with_alt_chunk(folder: Path, chunk: bytes) -> None:
    """The shipped plan.docx with an altChunk holding ``chunk``, in ``folder``."""
    folder.mkdir(exist_ok=True)
    shipped = zipfile.ZipFile(ROOT / "templates" / "plan.docx")
    with zipfile.ZipFile(folder / "plan.docx", "w", zipfile.ZIP_DEFLATED) as z:
        for info in shipped.infolist():
            data = shipped.read(info)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                at = text.rindex("<w:sectPr")
                data = (text[:at] + '<w:altChunk r:id="rIdAlt"/>' + text[at:]).encode("utf-8")
            elif info.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", (
                    f'<Relationship Id="rIdAlt" Type="{ALT_CHUNK}" Target="chunk.docx"/>'
                    "</Relationships>").encode())
            elif info.filename == "[Content_Types].xml":
                data = data.replace(b"<Default ", (
                    f'<Default Extension="docx" ContentType="{DOCX_TYPE}"/><Default ').encode(), 1)
            z.writestr(info, data)
        z.writestr("word/chunk.docx", chunk)


def test_an_alt_chunks_document_is_checked_like_the_template(tmp_path: Path) -> None:
    # LibreOffice reads an altChunk's .docx into the document: its picture
    # linked to file:///… went into the PDF, the template's own parts clean.
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n")
    with_alt_chunk(tmp_path / "tpl", word_document("chunk", f"file://{secret}"))
    out = tmp_path / "out.pdf"
    run = thidua("render", str(PLAN), "--template-dir", str(tmp_path / "tpl"), "-o", str(out))
    unusable(run, "word/chunk.docx!word/_rels/document.xml.rels links to file://")
    assert not out.exists()


def test_packages_nested_too_deep_are_refused(tmp_path: Path) -> None:
    import io

    chunk = word_document("deepest")
    for _ in range(3):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/'
                                              'package/2006/content-types"/>')
            z.writestr("inner.docx", chunk)
        chunk = buffer.getvalue()
    with_alt_chunk(tmp_path / "tpl", chunk)
    run = thidua("render", str(PLAN), "--template-dir", str(tmp_path / "tpl"),
                 "-o", str(tmp_path / "out.docx"))
    unusable(run, "holds packages more than 3 deep")


def test_a_clean_alt_chunk_still_renders(tmp_path: Path) -> None:
    with_alt_chunk(tmp_path / "tpl", word_document("ALT-CHUNK-TEXT"))
    out = tmp_path / "out.docx"
    run = thidua("render", str(PLAN), "--template-dir", str(tmp_path / "tpl"), "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert "word/chunk.docx" in zipfile.ZipFile(out).namelist()
