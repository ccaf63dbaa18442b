"""Found by the ninth red-team pass, each run as a real process."""

from __future__ import annotations

from pathlib import Path

import pytest

from .common import ROOT, thidua

EXAMPLE = ROOT / "plans" / "plan-2022.yaml"

IFS = "{% if 1 %}" * 99 + "x" + "{% endif %}" * 99
NESTED = {
    "blocks deeper than Python compiles": ("plan.md.j2", IFS,
                                           "IndentationError: too many levels of indentation"),
    "brackets deeper than the parser recurses": ("plan.md.j2", "{{ " + "(" * 200 + "1" + ")" * 200
                                                 + " }}", "RecursionError: "),
    "a report template nested as deep": ("report.md.j2", IFS,
                                         "IndentationError: too many levels of indentation"),
}


@pytest.mark.parametrize("case", NESTED, ids=list(NESTED))
def test_a_template_nested_too_deep_to_compile_is_the_templates_error(case: str,
                                                                     tmp_path: Path) -> None:
    name, text, detail = NESTED[case]
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / name).write_text(text + "\n", "utf-8")
    command = "render" if name == "plan.md.j2" else "report"
    r = thidua(command, str(EXAMPLE), "-f", "md", "-o", "-", "--template-dir", "t", cwd=tmp_path)
    assert r.returncode == 2, r.stdout + r.stderr
    assert r.stderr.startswith(f"thidua: error: t/{name}: the template failed: {detail}"), r.stderr
    assert "internal error" not in r.stderr and r.stdout == ""
