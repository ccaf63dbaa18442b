"""A bloc's own templates (``--template-dir``) run in Jinja's sandbox.

A template from a pull request is code someone else wrote. Whatever it
tries, in any of the four templates (the plan and the report, Markdown and
DOCX), reaching Python internals or building something too large to print
stops the render with a message naming the template, exit 2, and no output
file; the sandbox's limits do not get in the way of ordinary arithmetic.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from thidua_cli.errors import InputError
from thidua_cli.lint.engine import LintOptions, lint_file
from thidua_cli.render.context import build_context
from thidua_cli.render.docx import render_docx
from thidua_cli.render.markdown import render_markdown
from thidua_cli.render.templates import TemplateSearch
from thidua_cli.report import build_report
from thidua_cli.report.document import docx_bytes, markdown_text

from .conftest import EXAMPLE, ROOT
from .documents import docx_text
from .helpers import run

UNSAFE = "render.template_unsafe"

# (expression, the message's key, words of its detail)
HOSTILE = [
    pytest.param("{{ ''.__class__.__mro__[1].__subclasses__() }}", UNSAFE,
                 "access to attribute '__class__' of 'str' object is unsafe", id="mro"),
    pytest.param("{{ cycler.__init__.__globals__ }}", UNSAFE,
                 "access to attribute '__init__' of 'type' object is unsafe", id="cycler"),
    pytest.param("{{ joiner.__init__.__globals__.os }}", UNSAFE, "'__init__'", id="joiner"),
    pytest.param("{{ namespace.__init__.__globals__ }}", UNSAFE, "'__init__'", id="namespace"),
    pytest.param("{{ lipsum.__globals__['os'].system('id') }}", UNSAFE,
                 "'__globals__' of 'function' object is unsafe", id="lipsum"),
    pytest.param("{{ self._TemplateReference__context }}", UNSAFE,
                 "'_TemplateReference__context'", id="template-reference"),
    pytest.param("{{ title|attr('__class__') }}", UNSAFE, "'__class__' of 'str'",
                 id="attr-filter"),
    pytest.param("{{ '{0.__class__.__init__}'.format(title) }}", UNSAFE, "is unsafe",
                 id="str-format"),
    pytest.param("{{ tasks.__class__.__base__.__subclasses__() }}", UNSAFE,
                 "'__class__' of 'list'", id="list-class"),
    pytest.param("{{ tasks[0].items.__self__ }}", UNSAFE, "'__self__'", id="method-self"),
    pytest.param("{% for i in range(10**9) %}{% endfor %}", "render.template_failed",
                 "MAX_RANGE", id="range"),
    pytest.param("{{ [0] * 10**9 }}", UNSAFE, "more than 1,000,000", id="list-repeat"),
    pytest.param("{{ title * 10**8 }}", UNSAFE, "more than 1,000,000", id="str-repeat"),
    pytest.param("{{ 3 ** (10**9) }}", UNSAFE, "over 4096 bits", id="power"),
    pytest.param("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "render.template_failed",
                 "RecursionError", id="recursion"),
]
# What the limits must still allow.
ALLOWED = ("{{ 'ab' * 3 }}|{{ 3 * 'x' }}|{{ 2 ** 10 }}|{{ 2.5 * 2 }}|{{ (-1) ** (10**9) }}|"
           "{{ [1] * 2 }}|{{ 7 * 7 }}", "ababab|xxx|1024|5.0|1|[1, 1]|49")

KINDS = ["plan.md.j2", "plan.docx", "report.md.j2", "report.docx"]


def write_template(folder: Path, name: str, text: str) -> None:
    folder.mkdir(exist_ok=True)
    if name.endswith(".docx"):
        doc = Document()
        doc.add_paragraph("Mở đầu")
        doc.add_paragraph(text)
        doc.save(str(folder / name))
    else:
        (folder / name).write_text(f"Mở đầu\n{text}\n", "utf-8")


def render(name: str, folder: Path) -> str:
    """Render the template ``name`` from ``folder`` in process; its text."""
    result = lint_file(str(EXAMPLE), LintOptions())
    assert result.plan is not None
    search = TemplateSearch.create(str(folder), cwd=ROOT / "tests")
    if name.startswith("plan"):
        context = build_context(result.plan)
        if name.endswith(".docx"):
            return docx_text(render_docx(context, search))
        return render_markdown(context, search)
    report: Any = build_report(result.plan, as_of=date(2022, 12, 31), path=str(EXAMPLE))
    if name.endswith(".docx"):
        return docx_text(docx_bytes(report, search))
    return markdown_text(report, search)


@pytest.mark.parametrize("name", KINDS)
@pytest.mark.parametrize(("expression", "key", "detail"), HOSTILE)
def test_hostile_template_fails_with_a_clear_error(tmp_path: Path, name: str, expression: str,
                                                   key: str, detail: str) -> None:
    write_template(tmp_path, name, expression)
    with pytest.raises(InputError) as caught:
        render(name, tmp_path)
    assert caught.value.key == key
    assert caught.value.path == str(tmp_path / name)
    assert detail in caught.value.params["detail"]
    if name.endswith(".md.j2"):
        assert caught.value.line == 2  # the template's line
    else:
        assert "“{{" in caught.value.params["detail"] or "“{%" in caught.value.params["detail"]


@pytest.mark.parametrize("name", KINDS)
def test_ordinary_arithmetic_is_allowed(tmp_path: Path, name: str) -> None:
    expression, shown = ALLOWED
    write_template(tmp_path, name, expression)
    assert shown in render(name, tmp_path)


@pytest.mark.parametrize(("command", "name", "suffix"), [
    ("render", "plan.md.j2", ".md"),
    ("render", "plan.docx", ".docx"),
    ("report", "report.md.j2", ".md"),
    ("report", "report.docx", ".docx"),
])
def test_the_command_exits_2_and_writes_nothing(tmp_path: Path, command: str, name: str,
                                                suffix: str) -> None:
    custom = tmp_path / "custom"
    write_template(custom, name, "{{ cycler.__init__.__globals__.os }}")
    out = tmp_path / f"out{suffix}"
    r = run(command, str(EXAMPLE), "-o", str(out), "--template-dir", str(custom))
    assert r.returncode == 2
    assert r.stderr.startswith(f"thidua: error: {custom / name}")
    assert "the template tried something the sandbox forbids: access to attribute " \
           "'__init__' of 'type' object is unsafe." in r.stderr
    assert "Traceback" not in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["custom"]


def test_a_template_cannot_change_what_the_next_render_sees(tmp_path: Path) -> None:
    # The sandbox lets a template call list.pop(); each render builds its own context.
    write_template(tmp_path, "plan.md.j2", "{{ tasks.pop().id }}")
    assert render("plan.md.j2", tmp_path) == render("plan.md.j2", tmp_path)


@pytest.mark.parametrize(("operator", "left", "right", "refused"), [
    ("*", "a", 1_000_000, False),
    ("*", "a", 1_000_001, True),
    ("*", 1_000_001, "a", True),
    ("*", [0, 0], 500_001, True),
    ("*", ("x",), 10, False),
    ("*", 10**9, 10**9, False),  # numbers: just a product
    ("**", 2, 4096, False),
    ("**", 2, 4097, True),
    ("**", -3, 10**6, True),
    ("**", 1, 10**12, False),
    ("**", 0, 10**12, False),
    ("**", 10, -(10**9), False),  # a float near zero
    ("**", 2.0, 10**9, False),  # floats overflow quickly on their own
])
def test_size_limits_of_the_operators(operator: str, left: object, right: object,
                                      refused: bool) -> None:
    from jinja2.exceptions import SecurityError

    from thidua_cli.render.environment import check_binop

    if refused:
        with pytest.raises(SecurityError):
            check_binop(operator, left, right)
    else:
        check_binop(operator, left, right)
