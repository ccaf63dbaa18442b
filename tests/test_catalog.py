"""The rule catalog: docstrings in the agreed shape, lookup, generated docs kept current."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from thidua_cli import docs
from thidua_cli.errors import UsageError
from thidua_cli.lint import catalog
from thidua_cli.lint.rules import RULES, Rule

from .conftest import ROOT

REGENERATE = "run `python -m thidua_cli.docs` and commit the result"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented_in_the_agreed_shape(rule: Rule) -> None:
    assert re.fullmatch(r"TD\d{3}", rule.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name), "names are kebab-case"
    assert rule.severity in ("error", "warning")
    d = catalog.document(rule)
    assert d.summary and "\n" not in d.summary and not d.summary.endswith(".")
    assert list(d.sections) == list(catalog.SECTIONS), "What it does / Why it matters / ..."
    assert all(d.sections.values()), "no empty section"
    assert "```yaml" in d.sections["Example"]


def test_codes_and_names_are_unique() -> None:
    assert len({r.code for r in RULES}) == len({r.name for r in RULES}) == len(RULES)


@pytest.mark.parametrize("query", ["TD101", "td101", " TD101 ", "unknown-member",
                                   "Unknown-Member"])
def test_lookup_by_code_or_name(query: str) -> None:
    assert catalog.lookup(query).code == "TD101"


@pytest.mark.parametrize(("query", "key", "suggestion"), [
    ("TD1O6", "rules.unknown_close", "TD106"),
    ("td3O2", "rules.unknown_close", "TD302"),
    ("unknown-membr", "rules.unknown_close", "unknown-member"),
    ("duplicate-ids", "rules.unknown_close", "duplicate-id"),
    ("line-length", "rules.unknown", None),
])
def test_lookup_of_an_unknown_rule_suggests_the_closest(query: str, key: str,
                                                         suggestion: str | None) -> None:
    with pytest.raises(UsageError) as caught:
        catalog.lookup(query)
    assert caught.value.key == key
    assert caught.value.params.get("suggestion") == suggestion


def test_section_labels_inside_code_are_not_sections() -> None:
    rule = Rule("TD999", "fake-rule", "warning", """Something odd.

    What it does: looks.

    Why it matters: it does.

    Example:

    ```yaml
    Use instead: this is YAML, not a section
    ```

    Use instead: the right thing.
    """, None)
    sections = catalog.document(rule).sections
    assert "this is YAML" in sections["Example"]
    assert sections["Use instead"] == "the right thing."


def test_rules_added_to_the_registry_appear_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    extra = Rule("TD999", "fake-rule", "warning", """A rule added later.

    What it does: x.

    Why it matters: y.

    Example:

    ```yaml
    a: 1
    ```

    Use instead: z.
    """, None)
    monkeypatch.setattr(catalog, "RULES", (*RULES, extra))
    assert "| [TD999](#td999-fake-rule) | fake-rule | warning | A rule added later |" in (
        docs.render_rules_markdown())
    assert "## TD999 fake-rule" in docs.render_rules_markdown()
    assert "TD999" in docs.rules_table_markdown()
    assert re.search(r"^TD999 +fake-rule +warning +A rule added later$",
                     docs.rules_table_text("en"), re.M)
    # No Vietnamese summary yet: the English one stands in.
    assert "A rule added later" in docs.rules_table_text("vi")
    assert catalog.lookup("fake-rule") is extra


def test_vietnamese_summaries_where_translated() -> None:
    table = docs.rules_table_text("vi")
    assert table.splitlines()[0].split() == ["mã", "tên", "mức", "độ", "tóm", "tắt"]
    assert "Mã không phải là thành viên của Khối" in table


def test_markdown_rule_section() -> None:
    text = docs.rule_markdown(catalog.document(catalog.lookup("TD106")))
    assert text.splitlines()[:3] == [
        "## TD106 head-is-deputy", "",
        "Severity: **error**. The bloc head is also listed as a deputy."]
    assert "**What it does:** checks that `bloc.head`" in text
    assert "**Use instead:** `deputies: [btc]`." in text


def test_docs_rules_md_is_current() -> None:
    path = ROOT / "docs" / "rules.md"
    assert path.read_text("utf-8") == docs.render_rules_markdown(), (
        f"docs/rules.md is stale: {REGENERATE}")


def test_readme_rule_table_is_current() -> None:
    text = (ROOT / "README.md").read_text("utf-8")
    assert docs.README_START in text and docs.README_END in text
    assert text == docs.render_readme(text), f"README.md's rule table is stale: {REGENERATE}"


def test_readme_block_is_replaced_between_the_markers_only() -> None:
    before = f"intro\n{docs.README_START}\nold table\n{docs.README_END}\noutro\n"
    after = docs.render_readme(before)
    assert after.startswith(f"intro\n{docs.README_START}\n| code | name |")
    assert after.endswith(f"|\n{docs.README_END}\noutro\n")
    assert "old table" not in after
    assert docs.render_readme(after) == after


def test_readme_without_markers_is_an_error() -> None:
    with pytest.raises(ValueError, match="rules:start"):
        docs.render_readme("# no markers\n")


def test_regeneration_writes_stale_files_and_check_reports_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "README.md").write_text(
        f"# x\n{docs.README_START}\n{docs.README_END}\n", "utf-8")
    assert docs.main(["--check", "--root", str(tmp_path)]) == 1
    reported = capsys.readouterr().out
    assert "stale: " in reported and "rules.md" in reported and "README.md" in reported
    assert not (tmp_path / "docs").exists(), "--check writes nothing"

    assert docs.main(["--root", str(tmp_path)]) == 0
    assert (tmp_path / "docs" / "rules.md").read_text("utf-8") == docs.render_rules_markdown()
    assert docs.main(["--check", "--root", str(tmp_path)]) == 0


def test_the_catalogs_commands_read_are_the_toml_files() -> None:
    # Commands read catalogs.py (Python data, no TOML parsing at start-up); it is
    # generated from locale/*.toml, and this fails when someone edits the TOML only.
    from thidua_cli import i18n

    module = ROOT / "src" / "thidua_cli" / "catalogs.py"
    assert module.read_text("utf-8") == i18n.catalogs_module(), \
        f"catalogs.py is stale: {REGENERATE}"
    for lang in i18n.LANGS:
        assert i18n.catalog(lang) == i18n.read_catalog(lang)
