"""Golden files: compare with the stored text; ``UPDATE_GOLDEN=1 pytest`` rewrites them."""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.exists(), f"{path} is missing: run UPDATE_GOLDEN=1 pytest to create it"
    assert text == path.read_text("utf-8"), f"{name} differs from the golden file"
