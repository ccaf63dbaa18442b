"""Every example of README.md and docs/*.md is run or linted: a wrong example fails here.

The convention is in ``tests/docexamples.py`` and docs/writing-docs.md. Console
examples run as real processes in a sandbox copy of the repository (a git
repository of its own, so git examples work); YAML blocks are linted; TOML
blocks are loaded as configuration. Blocks that are not run are listed by
``test_block_not_run``, each skipped with its reason, so nothing is left out
silently.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT
from .docexamples import Block, blocks, commands, documentation, exits, matches

DOCS = documentation(ROOT)
RUN = {"console", "yaml", "toml"}
BIN = Path(sys.executable).parent
# What the sandbox copies of the repository (everything the examples use).
COPIED = ("plans", "schema", "templates", "tests", "scripts", "bench", "pyproject.toml")
MINIMAL = ROOT / "tests" / "plans" / "valid" / "minimal.yaml"


def all_blocks() -> list[Block]:
    return [b for path in DOCS for b in blocks(path)]


def not_run(block: Block) -> str | None:
    """Why ``block`` is not run, or None."""
    if "skip" in block.options:
        return block.options["skip"] or "(no reason given)"
    if block.language not in RUN:
        return f"a {block.language or 'plain'} block is an illustration, not run"
    return None


@pytest.fixture(scope="module")
def sandbox_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("docs")


def make_sandbox(base: Path, name: str) -> Path:
    box = base / name
    box.mkdir()
    for part in COPIED:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, box / part,
                            ignore=shutil.ignore_patterns("__pycache__", "results"))
        else:
            shutil.copy(source, box / part)
    env = git_env()
    for args in (["init", "-q", "-b", "main"], ["add", "-A"],
                 ["commit", "-q", "-m", "plans of the bloc"]):
        subprocess.run(["git", *args], cwd=box, env=env, check=True, capture_output=True)
    return box


def git_env() -> dict[str, str]:
    return {**os.environ, "GIT_AUTHOR_NAME": "Văn phòng Khối", "GIT_AUTHOR_EMAIL": "vp@khoi.vn",
            "GIT_COMMITTER_NAME": "Văn phòng Khối", "GIT_COMMITTER_EMAIL": "vp@khoi.vn",
            "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}


def shell_env(box: Path) -> dict[str, str]:
    env = {k: v for k, v in git_env().items()
           if k not in ("THIDUA_LANG", "FORCE_COLOR", "GITHUB_ACTIONS", "THIDUA_DEBUG")}
    env.update({"PATH": f"{BIN}:{os.environ['PATH']}", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
                "NO_COLOR": "1", "PYTHONUNBUFFERED": "1", "HOME": str(box), "COLUMNS": "100",
                "GIT_PAGER": "cat", "PAGER": "cat"})
    return env


def run_console(block: Block, box: Path) -> list[str]:
    problems = []
    cmds = commands(block)
    assert cmds, f"{block.id}: a console block without a '$ ' command"
    for command, code in zip(cmds, exits(block, len(cmds)), strict=True):
        done = subprocess.run(["bash", "-c", command.line], cwd=box, env=shell_env(box),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              timeout=300)
        got = done.stdout.split("\n")
        if done.returncode != code:
            problems.append(f"{block.id}: `{command.line}` exited {done.returncode}, "
                            f"expected {code}:\n{done.stdout[-2000:]}")
        elif command.output and not matches(command.output, got):
            problems.append(f"{block.id}: `{command.line}` printed:\n{done.stdout[-3000:]}\n"
                            "expected:\n" + "\n".join(command.output))
    return problems


def merge(base: Any, fragment: Any) -> Any:
    """``fragment`` into ``base`` (ruamel.yaml round-trip nodes, comments kept):
    mappings key by key, lists of items with ids by id (new items appended),
    anything else replaced."""
    if isinstance(fragment, dict) and isinstance(base, dict):
        for key, value in fragment.items():
            base[key] = merge(base[key], value) if key in base else value
            comment = getattr(fragment, "ca", None)
            if comment is not None and key in comment.items:
                base.ca.items[key] = comment.items[key]
        return base
    if _with_ids(fragment) and _with_ids(base):
        index = {item["id"]: i for i, item in enumerate(base)}
        for item in fragment:
            if item["id"] in index:
                base[index[item["id"]]] = merge(base[index[item["id"]]], item)
            else:
                base.append(item)
        return base
    return fragment


def _with_ids(value: Any) -> bool:
    ids = [i.get("id") for i in value if isinstance(i, dict)] if isinstance(value, list) else []
    return bool(ids) and len(ids) == len(value) and all(isinstance(i, str) for i in ids) \
        and len(set(ids)) == len(ids)


def yaml_text(block: Block) -> str:
    if "fragment" not in block.options:
        return block.text
    from thidua_cli.newplan.roundtrip import dump, load

    try:
        fragment, _ = load(block.text)
    except Exception:  # a fragment showing a YAML mistake (TD001) is linted as it is
        return block.text
    base, yaml = load(MINIMAL.read_text("utf-8"))
    return dump(merge(base, fragment), yaml)


def apply(block: Block, box: Path) -> str:
    """Edit the sandbox's ``apply=`` file to say what the fragment says; its new text."""
    from thidua_cli.newplan.roundtrip import dump, load

    target = box / block.options["apply"]
    data, yaml = load(target.read_text("utf-8"))
    fragment, _ = load(block.text)
    text = dump(merge(data, fragment), yaml)
    target.write_text(text, "utf-8")
    return text


def run_yaml(block: Block, box: Path) -> list[str]:
    from ruamel.yaml import YAML

    from thidua_cli.lint.engine import LintOptions, lint_text

    if "not-plan" in block.options:
        try:
            YAML(typ="safe", pure=True).load(block.text)
        except Exception as e:  # any parse error is the finding
            return [f"{block.id}: not YAML: {e}"]
        return []
    text = apply(block, box) if "apply" in block.options else yaml_text(block)
    year = re.search(r"^year:\s*(\d{4})", text, re.M)
    today = (date.fromisoformat(block.options["today"]) if "today" in block.options
             else date(int(year.group(1)) if year else 2022, 1, 1))
    result = lint_text(text, block.id, LintOptions(today=today))
    codes = {f.code for f in result.findings}
    shown = "\n".join(f"  {f.line}:{f.column} {f.code} {f.message}" for f in result.findings)
    readable = text is not block.text or "fragment" not in block.options
    if "finds" in block.options or "clean-of" in block.options:
        # A rule's examples: the bad one gives the rule's finding, the good one does not;
        # both are well-formed plans (no TD001, TD002) unless that is the rule shown.
        wanted = block.options.get("finds")
        broken = codes & {"TD001", "TD002"} - {wanted} if readable else set()
        if wanted is not None and (wanted not in codes or broken):
            return [f"{block.id}: does not give {wanted} alone as a well-formed plan:\n{shown}"]
        if "clean-of" in block.options and ({block.options["clean-of"]} | broken) & codes:
            return [f"{block.id}: still gives {block.options['clean-of']}:\n{shown}"]
        return []
    expected = [e for e in block.options.get("expect", "").split(",") if e]
    with_line = any("@" in e for e in expected)
    got = sorted(f"{f.code}@{f.line}" if with_line else f.code for f in result.findings)
    if got != sorted(expected):
        return [f"{block.id}: lints to {got or 'nothing'}, expected {sorted(expected) or 'nothing'}"
                f" (options: expect=..., fragment, not-plan)\n{shown}"]
    return []


def run_toml(block: Block, box: Path) -> list[str]:
    from thidua_cli.config import load
    from thidua_cli.errors import ThiduaError

    name = "pyproject.toml" if "[tool.thidua" in block.text else ".thidua.toml"
    folder = box / f"toml-{block.line}"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(block.text, "utf-8")
    try:
        load(folder / name)
    except ThiduaError as e:
        return [f"{block.id}: the configuration does not load: {e.key} {e.params}"]
    return []


@pytest.mark.parametrize("path", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_examples_are_true(path: Path, sandbox_root: Path) -> None:
    box = make_sandbox(sandbox_root, path.stem)
    problems: list[str] = []
    for block in blocks(path):
        if not_run(block) is not None:
            continue
        if block.setup:
            done = subprocess.run(["bash", "-c", block.setup], cwd=box, env=shell_env(box),
                                  capture_output=True, text=True, timeout=300)
            if done.returncode != 0:
                problems.append(f"{block.id}: its doctest-setup failed: {done.stderr[-1000:]}")
                continue
        if block.language == "console":
            problems += run_console(block, box)
        elif block.language == "yaml":
            problems += run_yaml(block, box)
        elif block.language == "toml":
            problems += run_toml(block, box)
    assert not problems, "\n\n".join(problems)


@pytest.mark.parametrize("block", [b for b in all_blocks() if not_run(b) is not None],
                         ids=lambda b: b.id)
def test_block_not_run(block: Block) -> None:
    pytest.skip(f"{block.language or 'plain'} block not run: {not_run(block)}")


def test_the_convention_is_documented() -> None:
    text = (ROOT / "docs" / "writing-docs.md").read_text("utf-8")
    for word in ("exit=", "expect=", "fragment", "not-plan", "skip=", "doctest-setup", "..."):
        assert word in text, word


def test_every_doc_has_examples_that_run() -> None:
    # An empty list or a parser that finds nothing would make the tests above pass.
    ran = [b for b in all_blocks() if not_run(b) is None]
    assert len(ran) > 30
    assert {b.language for b in ran} == RUN
