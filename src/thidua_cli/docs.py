"""Generated documentation: the rule catalog as Markdown, text and JSON.

``docs/rules.md``, the rule table in README.md (between ``<!-- rules:start -->``
and ``<!-- rules:end -->``), ``schema/plan.schema.json``, ``docs/commands.md``,
``docs/templates.md`` (the template contexts' types, ``render/reference.py``)
and ``docs/template-context.md`` (the example plan's values, ``reference.py``)
are generated from the code, ``src/thidua_cli/catalogs.py`` from the TOML
message catalogs and ``src/thidua_cli/tables.py`` from the data files a lint
reads (``TABLES``); the tests fail when a checked-in copy is stale.
Regenerate them all with::

    python -m thidua_cli.docs          # write
    python -m thidua_cli.docs --check  # exit 1 if anything is stale
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from . import i18n
from .lint.catalog import SECTIONS, RuleDoc, rule_docs

README_START = "<!-- rules:start -->"
README_END = "<!-- rules:end -->"
REGENERATE = "python -m thidua_cli.docs"
_GENERATED = f"<!-- Generated from the rule modules' docstrings by `{REGENERATE}`; do not edit. -->"


# Markdown ---------------------------------------------------------------------

def render_rules_markdown() -> str:
    """The whole of ``docs/rules.md``."""
    parts = [
        "# thidua lint rules",
        _GENERATED,
        "Every rule has a code, a name (after the problem it reports) and a default "
        "severity. `thidua rules` lists them; `thidua rules TD101` prints one.",
        rules_table_markdown(link="")]
    parts.extend(rule_markdown(d) for d in rule_docs())
    parts.append(_sheet_rules_markdown())
    return "\n\n".join(parts) + "\n"


def _sheet_rules_markdown() -> str:
    """The TD5xx family: findings of ``thidua scores import`` in a filled sheet,
    placed at a cell (``sheets/btc.xlsx:Tự chấm!D7: error TD505 ...``)."""
    from .lint.catalog import document
    from .sheets.rules import sheet_rules

    docs = [document(r) for r in sheet_rules()]
    rows = ["| code | name | severity | summary |", "|---|---|---|---|"]
    rows += [f"| [{d.rule.code}](#{anchor(d)}) | {d.rule.name} | {d.rule.severity} | "
             f"{_cell(d.summary)} |" for d in docs]
    head = ("# Scoring sheet findings (TD5xx)\n\n"
            "`thidua scores import` reports these for the sheets it reads, each at its cell "
            "(`sheets/btc.xlsx:Tự chấm!D7: error TD505 [sheet-score-out-of-range] ...`); "
            "an error in any sheet means nothing is written. See [scoring](scoring.md).")
    return "\n\n".join([head, "\n".join(rows), *(rule_markdown(d) for d in docs)])


def rules_table_markdown(link: str = "docs/rules.md") -> str:
    """The table of rules, each code linked to its section of ``link``."""
    rows = ["| code | name | severity | summary |", "|---|---|---|---|"]
    for d in rule_docs():
        r = d.rule
        rows.append(f"| [{r.code}]({link}#{anchor(d)}) | {r.name} | {r.severity} | "
                    f"{_cell(d.summary)} |")
    return "\n".join(rows)


def rule_markdown(d: RuleDoc, level: int = 2) -> str:
    """One rule's section: heading, severity, summary and the docstring's sections.

    Its YAML examples carry the options the documentation tests read
    (docs/writing-docs.md): under "Example" a fragment that gives the rule's
    finding, under "Use instead" one that gives none.
    """
    r = d.rule
    return (f"{'#' * level} {r.code} {r.name}\n\n"
            f"Severity: **{r.severity}**. {d.summary}.\n\n"
            f"{_tested_examples(rule_body_markdown(d), r.code)}")


def _tested_examples(body: str, code: str) -> str:
    out, section = [], ""
    lines = body.split("\n")
    for i, line in enumerate(lines):
        label = next((s for s in SECTIONS if line.startswith(f"**{s}:**")), None)
        section = label or section
        if line.strip() == "```yaml":
            options = f"fragment finds={code}" if section == "Example" else (
                f"fragment clean-of={code}")
            # "# checked on 2022-07-01": the day the example's deadlines are judged on.
            day = re.match(r"# checked on (\d{4}-\d\d-\d\d)", lines[i + 1] if i + 1 < len(
                lines) else "")
            if day:
                options += f" today={day.group(1)}"
            line = line.replace("```yaml", f"```yaml {options}")
        out.append(line)
    return "\n".join(out)


def rule_body_markdown(d: RuleDoc) -> str:
    """The docstring's sections with their labels in bold."""
    lines = []
    for line in d.body.splitlines():
        label = next((s for s in SECTIONS if line.startswith(s + ":")), None)
        lines.append(f"**{label}:**{line[len(label) + 1:]}" if label else line)
    return "\n".join(lines).rstrip()


def anchor(d: RuleDoc) -> str:
    """The id GitHub gives the heading ``TD101 unknown-member``."""
    return f"{d.rule.code} {d.rule.name}".lower().replace(" ", "-")


def render_readme(text: str) -> str:
    """README.md's text with the rule table between the markers regenerated."""
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        raise ValueError(f"README.md needs the markers {README_START} and {README_END}")
    head = text[:start + len(README_START)]
    return f"{head}\n{rules_table_markdown()}\n{text[end:]}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


# Terminal and JSON --------------------------------------------------------------

def summary_in(d: RuleDoc, lang: i18n.Lang) -> str:
    """The summary line in ``lang``; the docstring (English) when no translation exists."""
    if lang != "en":
        translated = i18n.catalog(lang).get(f"rule_summary.{d.rule.name}")
        if translated:
            return translated
    return d.summary


def rules_table_text(lang: i18n.Lang) -> str:
    """The catalog as aligned plain text, one rule a line (for pipes and grep)."""
    header = [i18n.t(f"rules.{c}", lang) for c in ("code", "name", "severity", "summary")]
    rows = [header] + [[d.rule.code, d.rule.name, d.rule.severity, summary_in(d, lang)]
                       for d in rule_docs()]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row[:3], widths, strict=True)) + "  " + row[3]
        for row in rows) + "\n"


def rule_text(d: RuleDoc) -> str:
    """One rule in full, as plain text: the docstring under a heading line."""
    r = d.rule
    return f"{r.code} {r.name} ({r.severity})\n\n{d.summary}.\n\n{d.body}\n"


def rules_json(selected: Sequence[RuleDoc]) -> str:
    return json.dumps([d.as_dict() for d in selected], ensure_ascii=False, indent=2) + "\n"


# Regeneration -----------------------------------------------------------------

def generated_files(root: Path) -> dict[Path, str]:
    """Every generated file under ``root`` with the text it should have."""
    from .reference import commands_markdown, context_markdown
    from .render.reference import render_templates_markdown
    from .schema import render_schema

    readme = root / "README.md"
    example = root / "plans" / "plan-2022.yaml"
    files = {
        root / "docs" / "rules.md": render_rules_markdown(),
        root / "docs" / "templates.md": render_templates_markdown(),
        readme: render_readme(readme.read_text("utf-8")),
        root / "schema" / "plan.schema.json": render_schema(),
        root / "docs" / "commands.md": commands_markdown(),
    }
    catalogs = root / "src" / "thidua_cli" / "catalogs.py"
    if catalogs.parent.is_dir():  # a source checkout: the catalogs and tables as Python data
        files[catalogs] = i18n.catalogs_module()
        files[catalogs.parent / "tables.py"] = tables_module()
    if example.exists():  # the template context is the example plan's
        files[root / "docs" / "template-context.md"] = context_markdown(
            example.read_text("utf-8"))
    return files


#: The data files a lint reads (``data/<name>.toml``), shipped as Python data in
#: ``tables.py``: importing a module compiled once costs a fraction of
#: ``importlib.resources`` and ``tomllib`` on every run.
TABLES = ("awards", "kinds", "legacy", "misspellings", "placeholders", "yaml_messages")


def tables_module() -> str:
    """The text of ``tables.py``: each of ``TABLES`` as the data ``tomllib`` reads."""
    import pprint
    import tomllib

    from .text.legacy import suspects_of

    data = Path(__file__).parent / "data"
    lines = ['"""The data files a lint reads, as Python data: generated from data/*.toml',
             'by `python -m thidua_cli.docs`; do not edit (edit the TOML)."""',
             "# ruff: noqa: E501", "", "from typing import Any", "",
             "TABLES: dict[str, Any] = {"]
    for name in TABLES:
        table = tomllib.loads((data / f"{name}.toml").read_text("utf-8"))
        head = f"    {name!r}: "  # the table's lines aligned under its first
        text = pprint.pformat(table, width=130 - len(head), sort_dicts=False)
        lines.append(head + text.replace("\n", "\n" + " " * len(head)) + ",")
        if name == "legacy":
            suspects = suspects_of({"TCVN3": table["tcvn3"], "VNI": table["vni"]})
    lines += ["}", "", "# What makes text suspect of being legacy, computed from the legacy",
              "# tables (text/legacy.py: suspects_of).", "LEGACY_SUSPECTS: tuple[str, ...] = ("]
    row = "   "
    for item in map(repr, suspects):
        if len(row) + len(item) + 2 > 100:
            lines.append(row)
            row = "   "
        row += f" {item},"
    return "\n".join([*lines, row, ")", ""])


def stale_files(root: Path) -> list[Path]:
    """The generated files whose checked-in text differs from what the code generates."""
    return [path for path, text in generated_files(root).items()
            if not path.exists() or path.read_text("utf-8") != text]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog=REGENERATE,
        description="Regenerate docs/rules.md, README.md's rule table, "
                    "schema/plan.schema.json, docs/commands.md, docs/templates.md, "
                    "docs/template-context.md, src/thidua_cli/catalogs.py and "
                    "src/thidua_cli/tables.py from the code, the message catalogs and the data.")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a generated file is stale")
    parser.add_argument("--root", type=Path, default=Path("."),
                        help="the project folder (default: the current one)")
    args = parser.parse_args(argv)
    from .atomic import write_text_atomic

    stale = stale_files(args.root)
    if args.check:
        for path in stale:
            sys.stdout.write(f"stale: {path} (run: {REGENERATE})\n")
        return 1 if stale else 0
    texts = generated_files(args.root)
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, texts[path])
        sys.stdout.write(f"wrote {path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
