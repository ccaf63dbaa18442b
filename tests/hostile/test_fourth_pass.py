"""What a fourth red-team pass found: each case a real ``thidua`` process, each
fixed at its root (see docs/robustness.md)."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT
from .common import thidua
from .test_writing import WRITERS

EXAMPLE = ROOT / "plans" / "plan-2022.yaml"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return Path(shutil.copy(EXAMPLE, tmp_path / "plan.yaml"))


def clean(output: str) -> None:
    assert "Traceback" not in output and "internal error" not in output, output[-2000:]


# -- an output name ending in / is a folder's: no file is written under the name
# without it (`-o out/` wrote a file named `out`; `report` takes it as a folder)


@pytest.mark.parametrize("writer", [w for w in WRITERS if w.id != "report"])
@pytest.mark.parametrize("exists", [False, True], ids=["new-name", "existing-file"])
def test_an_output_name_ending_in_a_slash_writes_no_file(writer: tuple[str, ...], exists: bool,
                                                         plan: Path) -> None:
    folder = plan.parent
    out = folder / "out"
    if exists:
        out.write_text("kept\n", "utf-8")
    args = [a.format(plan=plan, out=f"{out}/") for a in writer]
    r = thidua(*args, cwd=folder)
    clean(r.stdout + r.stderr)
    assert r.returncode == 2, r.stdout + r.stderr
    assert "a name ending in / names a folder, and this output is one file" in r.stderr
    if exists:
        assert out.read_text("utf-8") == "kept\n"
    else:
        assert not os.path.lexists(out)
    assert sorted(os.listdir(folder)) == sorted(["plan.yaml", *(["out"] if exists else [])])


def test_report_still_takes_a_name_ending_in_a_slash_as_a_folder(plan: Path) -> None:
    r = thidua("report", "-f", "json", "plan.yaml", "-o", "out/", cwd=plan.parent)
    assert r.returncode == 0, r.stderr
    assert json.loads((plan.parent / "out" / "plan-report.json").read_text("utf-8"))


def test_an_existing_folder_ending_in_a_slash_is_still_a_folder(plan: Path) -> None:
    (plan.parent / "out").mkdir()
    r = thidua("render", "plan.yaml", "-f", "md", "-o", "out/", cwd=plan.parent)
    assert r.returncode == 2
    assert r.stderr == "thidua: error: out is a folder: give a file name with -o\n"


# -- git's diff driver: a plan whose name starts with '-' is a file, not an option


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update({"LANG": "C.UTF-8", "NO_COLOR": "1", "GIT_CONFIG_NOSYSTEM": "1",
                "HOME": str(folder)})
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, env=env,
                          timeout=300)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize("name", ["-x.yaml", "--ignore-order.yaml", "--config=c.yaml"])
@pytest.mark.parametrize("options", ["", "--lang en", "--"])
def test_the_diff_driver_takes_a_plan_named_like_an_option(name: str, options: str,
                                                           tmp_path: Path) -> None:
    """``thidua diff`` read ``-x.yaml`` as an option: "No such option", and git
    stopped with "external diff died"."""
    _git(tmp_path, "init", "-q", ".")
    (tmp_path / name).write_bytes(EXAMPLE.read_bytes())
    (tmp_path / ".gitattributes").write_text("*.yaml diff=thidua\n", "utf-8")
    command = f"{shlex.quote(sys.executable)} -m thidua_cli diff {options}".strip()
    _git(tmp_path, "config", "diff.thidua.command", command)
    _git(tmp_path, "add", "--", ".")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "1")
    text = (tmp_path / name).read_text("utf-8").replace("year: 2022", "year: 2023", 1)
    (tmp_path / name).write_text(text, "utf-8")
    r = _git(tmp_path, "diff")
    clean(r.stdout + r.stderr)
    assert r.returncode == 0, r.stderr
    assert "external diff died" not in r.stderr and "No such option" not in r.stderr
    assert f"+++ {name}\n" in r.stdout
    assert "changed year: 2022 → 2023" in r.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_diff_driver_takes_a_renamed_plan_named_like_an_option(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q", ".")
    (tmp_path / "plan.yaml").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / ".gitattributes").write_text("*.yaml diff=thidua\n", "utf-8")
    _git(tmp_path, "config", "diff.thidua.command",
         f"{shlex.quote(sys.executable)} -m thidua_cli diff")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "1")
    _git(tmp_path, "mv", "--", "plan.yaml", "--exit-code.yaml")
    r = _git(tmp_path, "diff", "-M", "--cached")
    clean(r.stdout + r.stderr)
    assert r.returncode == 0, r.stderr
    assert "+++ --exit-code.yaml" in r.stdout and "No differences." in r.stdout


def test_outside_git_an_option_stays_an_option(plan: Path) -> None:
    """Only git's driver arguments get the ``--``: a user's typo is still named."""
    r = thidua("diff", "--ignore-ordr", "plan.yaml", "plan.yaml", cwd=plan.parent)
    assert r.returncode == 2
    assert "No such option: --ignore-ordr" in r.stderr


# -- a configuration file found that is no saved file is refused, not passed
# over (the folder above's configuration was used instead, silently)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


@pytest.mark.parametrize("name", [".thidua.toml", "pyproject.toml"])
@pytest.mark.parametrize(("kind", "make", "expected"), [
    ("fifo", _fifo, "is not a file but a folder, device, pipe or socket"),
    ("folder", lambda p: p.mkdir(), "is not a file but a folder, device, pipe or socket"),
    ("device", lambda p: p.symlink_to("/dev/null"),
     "is not a file but a folder, device, pipe or socket"),
    ("dangling", lambda p: p.symlink_to("shared/thidua.toml"),
     "is a symbolic link to shared/thidua.toml, which does not exist"),
    ("loop", lambda p: p.symlink_to(p.name), "which does not exist (or a loop)"),
])
@pytest.mark.parametrize("command", ["lint", "render"])
def test_a_configuration_found_that_is_not_a_file_is_refused(
        name: str, kind: str, make: object, expected: str, command: str, tmp_path: Path) -> None:
    # The folder above has a configuration of its own: it was used instead.
    (tmp_path / ".thidua.toml").write_text('ignore = ["TD204"]\n', "utf-8")
    here = tmp_path / "bloc"
    here.mkdir()
    shutil.copy(EXAMPLE, here / "plan.yaml")
    make(here / name)  # type: ignore[operator]
    args = ["lint", "plan.yaml"] if command == "lint" else [
        "render", "plan.yaml", "-f", "md", "-o", "plan.md"]
    r = thidua(*args, cwd=here, timeout=60)
    clean(r.stdout + r.stderr)
    assert r.returncode == 2, r.stdout + r.stderr
    assert r.stderr.startswith(f"thidua: error: {name} ")
    assert expected in r.stderr
    assert not (here / "plan.md").exists()


def test_the_message_for_a_found_configuration_is_in_vietnamese_too(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "plan.yaml")
    os.mkfifo(tmp_path / ".thidua.toml")
    r = thidua("lint", "plan.yaml", cwd=tmp_path, env={"THIDUA_LANG": "vi"}, timeout=60)
    assert r.returncode == 2
    assert r.stderr == ("thidua: lỗi: .thidua.toml không phải là tệp mà là thư mục, thiết bị, "
                        "đường ống hoặc socket: cấu hình phải là một tệp đã lưu; hãy xóa nó, "
                        "hoặc dùng --config\n")


def test_a_pyproject_without_thidua_is_still_passed_over(plan: Path) -> None:
    (plan.parent / "pyproject.toml").write_text("[project]\nname = 'x'\n", "utf-8")
    r = thidua("lint", "plan.yaml", cwd=plan.parent)
    assert r.returncode == 0, r.stderr


# -- "did you mean" hints within a budget: 5,000 unknown ids among 2,000
# members compared 10 million pairs, three minutes that looked like a hang


def _many_unknown(folder: Path) -> Path:
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(EXAMPLE.read_text("utf-8"))
    data["bloc"]["members"] = [{"id": f"member-{i}", "name": f"Đơn vị {i}",
                                "short_name": f"M{i}"} for i in range(2000)]
    data["bloc"]["head"] = "member-0"
    for task in data["tasks"]:
        task["lead"] = "member-0"
        task.pop("support", None)
    data["tasks"][0]["support"] = [f"membr-{i}" for i in range(5000)]
    path = folder / "unknown.yaml"
    path.write_text(json.dumps(data, default=str, ensure_ascii=False), "utf-8")
    return path


def test_many_unknown_ids_among_many_members_lint_in_bounded_time(tmp_path: Path) -> None:
    plan = _many_unknown(tmp_path)
    r = thidua("lint", plan.name, cwd=tmp_path, timeout=120)
    clean(r.stdout + r.stderr)
    assert r.returncode == 1
    lines = [line for line in r.stdout.splitlines() if " TD101 " in line and "support" in line]
    assert len(lines) == 5000
    assert "(did you mean 'member-0'?)" in lines[0]
    # Past the budget a finding lists the valid ids, as when none is close.
    assert "(valid ids: member-0, member-1, member-10," in lines[-1]
    assert "(2000 in all)" in lines[-1]
    assert r.seconds < 60, r.seconds  # 179 s before


# -- `new` moves a date written in full-width digits in the same digits
# (`１５/１２/２０２２` became `15/１２/2023`, a mix no reader expects)


def test_new_keeps_the_digits_a_date_is_written_in(tmp_path: Path) -> None:
    source = (ROOT / "tests" / "plans" / "valid" / "vietnamese-dates.yaml").read_text("utf-8")
    assert "due: 26/04/2022\n" in source
    plan = tmp_path / "plan.yaml"
    plan.write_text(source.replace("due: 26/04/2022\n", 'due: "２６/０４/２０２２"\n', 1)
                    .replace("month: 9/2022\n", 'month: "９/２０２２"\n', 1), "utf-8")
    r = thidua("new", "next.yaml", "--year", "2023", "--from", "plan.yaml",
               "--today", "2023-01-01", cwd=tmp_path)
    clean(r.stderr)
    assert r.returncode == 0, r.stderr
    written = (tmp_path / "next.yaml").read_text("utf-8")
    assert 'due: "２６/０４/２０２３"\n' in written
    assert 'month: "９/２０２３"\n' in written
