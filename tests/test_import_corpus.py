"""Word plans not made by thidua (tests/import/, built by scripts/build_import_corpus.py).

Each document's import is compared with its ``*.expected.yaml`` field by
field, through what the document prints (``printed`` of the round-trip
test); the LibreOffice copies (``lo/``) must give the same. The share of
fields recovered exactly is written in docs/import.md; these tests keep it
from falling below the documented figures.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from thidua_cli.importer import import_docx
from thidua_cli.lint.engine import LintOptions, lint_file, lint_text

from .conftest import ROOT
from .test_import_roundtrip import printed

CORPUS = ROOT / "tests" / "import"
DOCUMENTS = sorted(CORPUS.glob("*.docx")) + sorted((CORPUS / "lo").glob("*.docx"))
#: The shares documented in docs/import.md: over the corpus, and the least per document.
DOCUMENTED_SHARE = 1.0
LEAST_SHARE = 1.0


def leaves(value: Any, path: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        return {k: v for name, item in value.items()
                for k, v in leaves(item, f"{path}.{name}").items()}
    if isinstance(value, list | tuple):
        out = {f"{path}#": len(value)}
        for i, item in enumerate(value):
            out.update(leaves(item, f"{path}[{i}]"))
        return out
    return {path: value}


def recovered(path: Path) -> tuple[int, int]:
    expected = lint_file(str(CORPUS / f"{path.stem}.expected.yaml"), LintOptions()).plan
    assert expected is not None
    imported = import_docx(str(path), out_name="plan.yaml")
    plan = lint_text(imported.text, "plan.yaml", LintOptions()).plan
    assert plan is not None, imported.text
    want, got = leaves(printed(expected)), leaves(printed(plan))
    return sum(1 for k, v in want.items() if got.get(k) == v), len(want)


def test_the_corpus_has_eight_layouts_and_their_truth_and_copies() -> None:
    built = sorted(CORPUS.glob("*.docx"))
    assert len(built) >= 8
    assert all((CORPUS / f"{p.stem}.expected.yaml").is_file() for p in built)
    assert sorted(p.name for p in (CORPUS / "lo").glob("*.docx")) == [p.name for p in built]


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: str(p.relative_to(CORPUS)))
def test_a_secretariat_document_is_recovered(path: Path) -> None:
    right, total = recovered(path)
    assert right / total >= LEAST_SHARE, f"{right}/{total}"


def test_the_share_recovered_across_the_corpus() -> None:
    counts = [recovered(path) for path in DOCUMENTS]
    right, total = sum(r for r, _ in counts), sum(t for _, t in counts)
    assert right / total >= DOCUMENTED_SHARE, f"{right}/{total}"
