"""Every link between README.md and docs/*.md leads somewhere: the file, and its heading."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import ROOT
from .docexamples import documentation

LINK = re.compile(r"\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.M | re.S)


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = FENCE.sub("", path.read_text("utf-8"))
    return {slug(m.group(1)) for m in re.finditer(r"^#+\s+(.*)$", text, re.M)}


def links() -> list[tuple[Path, str]]:
    out = []
    for path in documentation(ROOT):
        text = FENCE.sub("", path.read_text("utf-8"))
        out += [(path, target) for target in LINK.findall(text)
                if not re.match(r"[a-z]+:", target)]
    return out


@pytest.mark.parametrize(("path", "target"), links(),
                         ids=lambda v: v if isinstance(v, str) else v.name)
def test_link_resolves(path: Path, target: str) -> None:
    name, _, anchor = target.partition("#")
    file = (path.parent / name).resolve() if name else path
    assert file.exists(), f"{path.name}: {target}: no such file"
    if anchor and file.suffix == ".md":
        assert anchor in anchors(file), f"{path.name}: {target}: no such heading"
