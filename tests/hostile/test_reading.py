"""Reading and running nothing outside what a run was given: template links,
zip bombs and DTDs in DOCX templates, git arguments, exclude globs that
backtrack, file names that forge lines, configurations and templates that
are merely wrong. Each case runs ``thidua`` as a real process.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import threading
import zipfile
from pathlib import Path

import pytest

from ..conftest import ROOT
from .common import thidua

EXAMPLE = ROOT / "plans" / "plan-2022.yaml"
SHIPPED_DOCX = ROOT / "templates" / "plan.docx"
MIB = 1024 * 1024


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return Path(shutil.copy(EXAMPLE, tmp_path / "plan.yaml"))


# -- 6. template links lead nowhere outside the template folder


@pytest.mark.parametrize("how", ["include", "template"])
def test_a_template_link_to_the_environment_is_refused(how: str, plan: Path) -> None:
    tpl = plan.parent / "tpl"
    tpl.mkdir()
    if how == "include":
        (tpl / "plan.md.j2").write_text('{% include "env.j2" %}\n', "utf-8")
        os.symlink("/proc/self/environ", tpl / "env.j2")
    else:
        os.symlink("/proc/self/environ", tpl / "plan.md.j2")
    r = thidua("render", "plan.yaml", "-o", "plan.md", "--template-dir", "tpl",
               cwd=plan.parent, env={"CI_SECRET": "s3cr3t-value"})
    assert r.returncode == 2
    assert "leads outside its folder" in r.stderr
    assert "s3cr3t-value" not in r.stdout + r.stderr
    assert not (plan.parent / "plan.md").exists()


def test_a_link_inside_the_folder_is_fine(plan: Path) -> None:
    tpl = plan.parent / "tpl"
    (tpl / "parts").mkdir(parents=True)
    (tpl / "parts" / "title.j2").write_text("{{ title }}\n", "utf-8")
    os.symlink("parts/title.j2", tpl / "title.j2")
    (tpl / "plan.md.j2").write_text('# {% include "title.j2" %}', "utf-8")
    r = thidua("render", "plan.yaml", "-o", "plan.md", "--template-dir", "tpl", cwd=plan.parent)
    assert r.returncode == 0, r.stderr
    assert (plan.parent / "plan.md").read_text("utf-8").startswith("# Tổ chức phong trào")


def test_a_docx_template_linked_outside_is_refused(plan: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(SHIPPED_DOCX, elsewhere / "plan.docx")
    tpl = plan.parent / "tpl"
    tpl.mkdir()
    os.symlink(elsewhere / "plan.docx", tpl / "plan.docx")
    r = thidua("render", "plan.yaml", "-o", "plan.docx", "--template-dir", "tpl",
               cwd=plan.parent)
    assert r.returncode == 2
    assert "leads outside its folder" in r.stderr


# -- 7 and 8. DOCX templates: bounded when inflated, no DTD in any part


def _docx_with(path: Path, extra: dict[str, bytes], replace: dict[str, bytes] | None = None
               ) -> Path:
    replace = replace or {}
    with zipfile.ZipFile(SHIPPED_DOCX) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info)))
        for name, data in extra.items():
            target.writestr(name, data)
    return path


def test_a_zip_bomb_template_is_refused_before_inflating(plan: Path) -> None:
    tpl = plan.parent / "tpl"
    tpl.mkdir()
    # 100 MiB of zeros in a 100 KB part: one part over the limit.
    _docx_with(tpl / "plan.docx", {"word/media/image1.png": bytes(100 * MIB)})
    assert (tpl / "plan.docx").stat().st_size < 2 * MIB
    r = thidua("render", "plan.yaml", "-o", "plan.docx", "--template-dir", "tpl",
               cwd=plan.parent)
    assert r.returncode == 2
    assert "word/media/image1.png would be 104857600 bytes uncompressed" in r.stderr
    assert r.max_rss_mb < 200, r.max_rss_mb
    assert not (plan.parent / "plan.docx").exists()


def test_many_parts_over_the_total_are_refused(plan: Path) -> None:
    tpl = plan.parent / "tpl"
    tpl.mkdir()
    parts = {f"word/media/image{i}.png": bytes(60 * MIB) for i in range(5)}
    _docx_with(tpl / "plan.docx", parts)
    r = thidua("render", "plan.yaml", "-o", "plan.docx", "--template-dir", "tpl",
               cwd=plan.parent)
    assert r.returncode == 2
    assert "its parts would be" in r.stderr
    assert r.max_rss_mb < 200, r.max_rss_mb


@pytest.mark.parametrize("part", ["word/footnotes.xml", "word/styles.xml", "_rels/.rels"])
def test_a_dtd_in_any_xml_part_is_refused(part: str, plan: Path) -> None:
    tpl = plan.parent / "tpl"
    tpl.mkdir()
    with zipfile.ZipFile(SHIPPED_DOCX) as source:
        names = source.namelist()
        body = source.read(part).decode("utf-8") if part in names else (
            '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
            'main"/>')
    body = body.split("?>", 1)[-1] if body.startswith("<?xml") else body
    dtd = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<!DOCTYPE x [<!ENTITY big "aaaaaaaaaaaaaaaaaaaaaaaa">]>' + body)
    if part in names:
        _docx_with(tpl / "plan.docx", {}, {part: dtd.encode("utf-8")})
    else:
        _docx_with(tpl / "plan.docx", {part: dtd.encode("utf-8")})
    r = thidua("render", "plan.yaml", "-o", "plan.docx", "--template-dir", "tpl",
               cwd=plan.parent)
    assert r.returncode == 2, r.stderr
    assert f"its part {part} declares a DTD or entities" in r.stderr
    assert not (plan.parent / "plan.docx").exists()


# -- 9. git arguments


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args],
                   cwd=cwd, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize("spec", ["--output=out:x", "-p:x", "--exec=touch pwned:x"])
def test_a_revision_that_looks_like_an_option_never_reaches_git(spec: str, plan: Path) -> None:
    _git(plan.parent, "init", "-q")
    _git(plan.parent, "add", "plan.yaml")
    _git(plan.parent, "commit", "-qm", "plan")
    r = thidua("diff", "--", "plan.yaml", spec, cwd=plan.parent)
    assert r.returncode == 2
    assert "a revision cannot start with '-'" in r.stderr
    assert sorted(p.name for p in plan.parent.iterdir()) == [".git", "plan.yaml"]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_revision_git_cannot_read_exits_2(plan: Path) -> None:
    _git(plan.parent, "init", "-q")
    r = thidua("diff", "nothing:plan.yaml", "plan.yaml", cwd=plan.parent)
    assert r.returncode == 2
    assert "cannot read nothing:plan.yaml from git" in r.stderr


# -- 10. exclude globs


def test_a_backtracking_exclude_glob_is_quick(plan: Path) -> None:
    name = "a" * 60 + ".yaml"
    shutil.copy(plan, plan.parent / name)
    # 15 wildcards: under the bound, and exponential for a backtracking regex.
    (plan.parent / ".thidua.toml").write_text(
        'exclude = ["' + "*a" * 14 + '*b"]\n', "utf-8")
    r = thidua("lint", "--today", "2022-01-01", ".", cwd=plan.parent, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "2 file(s) checked" in r.stdout
    assert r.seconds < 20


def test_an_exclude_glob_over_the_bound_is_a_located_error(plan: Path) -> None:
    (plan.parent / ".thidua.toml").write_text(
        'select = ["TD1"]\nexclude = [\n  "drafts",\n  "' + "*a" * 20 + '*b",\n]\n', "utf-8")
    r = thidua("lint", "plan.yaml", cwd=plan.parent)
    assert r.returncode == 2
    assert r.stderr.startswith("thidua: error: .thidua.toml:4: the exclude pattern '*a*a")
    assert "has 42 characters and 21 wildcards; at most 256 and 16" in r.stderr


# -- 11. file names cannot forge lines or reach the terminal


def test_a_file_name_cannot_forge_a_finding(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    name = "x.yaml:9:9: error TD999 [forged] forged\nbad\x1b[2J.yaml"
    (folder / name).write_text(EXAMPLE.read_text("utf-8").replace("year: 2022", "year: x"),
                               "utf-8")
    for args in (("lint", "plans"), ("lint", "-f", "gitlab", "plans"),
                 ("render", f"plans/{name}", "-o", "out.md")):
        r = thidua(*args, cwd=tmp_path)
        assert r.returncode in (1, 2), r.stderr
        for stream in (r.stdout, r.stderr):
            assert "\x1b" not in stream
            assert not any(line.startswith("bad") for line in stream.splitlines()), stream


def test_a_file_name_in_an_errors_location_is_escaped_too(tmp_path: Path) -> None:
    """The location before a message (``path:line: ...``) was printed raw when the
    message itself did not name the file, so an ESC reached the terminal."""
    folder = tmp_path / "c\x1b[2Jd\nbad"
    folder.mkdir()
    (folder / "x.toml").write_text("selec = 1\n", "utf-8")
    (folder / "z.xlsx").write_text("not a workbook", "utf-8")
    plan = Path(shutil.copy(ROOT / "tests" / "plans" / "valid" / "scoring-tree.yaml",
                            tmp_path / "plan.yaml"))
    for args in (("lint", "--config", f"{folder.name}/x.toml", plan.name),
                 ("scores", "import", plan.name, f"{folder.name}/z.xlsx")):
        r = thidua(*args, "--lang", "en", cwd=tmp_path)
        assert r.returncode == 2, r.stderr
        assert r.stderr.startswith("thidua: error: c\\x1b[2Jd\\nbad/"), r.stderr
        assert "\x1b" not in r.stderr and "\nbad" not in r.stderr


# -- 14. ordinary conditions: their own message, exit 2


def test_a_toml_array_nested_1000_deep(plan: Path) -> None:
    (plan.parent / ".thidua.toml").write_text(
        "select = []\nexclude = " + "[" * 1000 + "]" * 1000 + "\n", "utf-8")
    r = thidua("lint", "plan.yaml", cwd=plan.parent)
    assert (r.returncode, r.stderr) == (
        2, "thidua: error: .thidua.toml:2: the configuration nests arrays or tables too "
           "deeply to be read\n")


def test_a_configuration_that_never_ends_or_is_a_folder(plan: Path) -> None:
    """``--config /dev/zero`` read for ever (memory growing); a folder gave a raw errno."""
    zero = plan.parent / "zero.toml"
    try:
        os.mknod(zero, 0o644 | stat.S_IFCHR, os.makedev(1, 5))  # a /dev/zero of our own
    except PermissionError:
        zero = Path("/dev/zero")
    shown = zero.name if zero.parent == plan.parent else str(zero)
    r = thidua("lint", "--config", shown, "plan.yaml", "--lang", "en", cwd=plan.parent,
               timeout=60)
    assert (r.returncode, r.stderr) == (
        2, f"thidua: error: {shown}: the configuration file is more than 4194304 bytes: is it "
           "the right file?\n")
    assert r.max_rss_mb < 200
    r = thidua("lint", "--config", ".", "plan.yaml", "--lang", "en", cwd=plan.parent)
    assert (r.returncode, r.stderr) == (
        2, "thidua: error: the configuration . is a folder: give the .thidua.toml or "
           "pyproject.toml file in it\n")
    # A FIFO (what `--config <(...)` gives) is read as usual.
    fifo = plan.parent / "config.fifo"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_text('select = ["TD1"]\n'),
                              daemon=True)
    writer.start()
    r = thidua("lint", "--config", str(fifo), "plan.yaml", cwd=plan.parent, timeout=60)
    writer.join(10)
    assert r.returncode == 0, r.stderr


def test_a_markdown_template_in_windows_1258(plan: Path) -> None:
    tpl = plan.parent / "tpl"
    tpl.mkdir()
    (tpl / "plan.md.j2").write_bytes("Tiêu đề {{ title }}\n".encode("cp1258", "replace"))
    r = thidua("render", "plan.yaml", "-o", "plan.md", "--template-dir", "tpl", cwd=plan.parent)
    assert (r.returncode, r.stderr) == (
        2, "thidua: error: the template tpl/plan.md.j2 is not UTF-8 (byte 2): save it as "
           "UTF-8\n")
