"""What a tenth red-team pass (a) found: each case a script calling the library in a
fresh process, fixed at its root (see docs/robustness.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_eighth_pass_a import library

UNENCODABLE = {
    "load": "t.load('\\ud800')",
    "lint": "t.lint(['p.yaml', 'a\\udfff.yaml'])",
    "render-output": "t.render('p.yaml', format='md', output='x\\ud800.md')",
    "diff": "t.diff('\\ud800', 'p.yaml')",
    "path-like": "t.load(__import__('pathlib').Path('p\\ud800.yaml'))",
}


@pytest.mark.parametrize("call", UNENCODABLE.values(), ids=UNENCODABLE.keys())
def test_a_file_name_with_a_lone_surrogate_is_a_usage_error(tmp_path: Path, call: str) -> None:
    """A name built in code may hold a lone surrogate that no file system encoding
    spells (``surrogateescape`` spells only U+DC80-U+DCFF): ``os.stat`` stopped with
    ``UnicodeEncodeError`` from inside."""
    done = library(tmp_path, f"try:\n    {call}\nexcept t.UsageError as e:\n"
                             "    print('usage:', e.message('en'))\n")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert done.stdout.startswith("usage: ") and "no file name can" in done.stdout, done.stdout
