"""The CI formats, checked against what their consumers accept.

SARIF is validated against the OASIS SARIF 2.1.0 schema and the GitLab report
against the fields GitLab documents (both copied into tests/schemas/ so the
tests do not depend on anything outside the repository); GitHub's workflow
commands against the escaping rules of the Actions toolkit.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from thidua_cli.formats.lint import REPORTERS, ReportOptions, github, gitlab, paths
from thidua_cli.lint.engine import LintOptions, LintResult, lint_paths
from thidua_cli.lint.finding import Finding
from thidua_cli.lint.rules import RULES

from .conftest import EXAMPLE, PLANS, ROOT, TODAY

SCHEMAS = Path(__file__).resolve().parent / "schemas"
INVALID = sorted((PLANS / "invalid").glob("*.yaml"))


def lint(*files: Path) -> LintResult:
    rel = [str(f.relative_to(ROOT)) for f in files]
    return lint_paths(rel, LintOptions(today=TODAY))


def render(format: str, result: LintResult, lang: str = "en") -> str:
    out = io.StringIO()
    REPORTERS[format](result, out, ReportOptions(lang=lang, root=str(ROOT)))  # type: ignore[arg-type]
    return out.getvalue()


def validator(name: str) -> Any:
    schema = json.loads((SCHEMAS / name).read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@pytest.fixture(scope="module", autouse=True)
def _in_root() -> Iterator[None]:
    # Findings name files relative to the current folder, as a user's run does.
    mp = pytest.MonkeyPatch()
    mp.chdir(ROOT)
    yield
    mp.undo()


def test_every_format_is_registered() -> None:
    assert list(REPORTERS) == ["text", "json", "github", "sarif", "gitlab"]


# GitHub -----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "data", "prop"), [
    ("plain", "plain", "plain"),
    ("100%", "100%25", "100%25"),
    ("a\nb\r\nc", "a%0Ab%0D%0Ac", "a%0Ab%0D%0Ac"),
    ("tasks.lead: 'x', 'y'", "tasks.lead: 'x', 'y'", "tasks.lead%3A 'x'%2C 'y'"),
    ("%0A", "%250A", "%250A"),
])
def test_github_escaping(text: str, data: str, prop: str) -> None:
    assert github.escape_data(text) == data
    assert github.escape_property(text) == prop


def test_github_command_for_a_finding() -> None:
    f = Finding("plans/kế hoạch, 2022.yaml", 9, 11, "TD101", "unknown-member", "error",
                "bloc.head: 'x' is not a member\nof the bloc: 100%", "did you mean 'y'?")
    assert github.command(f, str(ROOT)) == (
        "::error file=plans/kế hoạch%2C 2022.yaml,line=9,col=11,title=TD101 unknown-member"
        "::bloc.head: 'x' is not a member%0Aof the bloc: 100%25 (did you mean 'y'?)")


def test_github_report_is_one_annotation_a_finding_then_the_summary() -> None:
    result = lint(PLANS / "invalid" / "td101-unknown-lead.yaml",
                  PLANS / "invalid" / "td301-objective-without-task.yaml")
    lines = render("github", result).splitlines()
    assert lines[0].startswith("::error file=tests/plans/invalid/td101-unknown-lead.yaml,"
                               "line=22,col=11,title=TD101 unknown-member::tasks.lead: ")
    assert lines[1].startswith("::warning file=tests/plans/invalid/"
                               "td301-objective-without-task.yaml,")
    assert lines[2] == "2 file(s) checked: 1 error(s), 1 warning(s)"


# SARIF ------------------------------------------------------------------------

@pytest.mark.parametrize("files", [INVALID, [EXAMPLE]], ids=["all-invalid", "clean"])
def test_sarif_is_valid_sarif_2_1_0(files: list[Path]) -> None:
    document = json.loads(render("sarif", lint(*files)))
    errors = sorted(validator("sarif-schema-2.1.0.json").iter_errors(document), key=str)
    assert not errors, "\n".join(e.message for e in errors[:5])
    assert document["version"] == "2.1.0"


def test_sarif_schema_catches_a_broken_report() -> None:
    document = json.loads(render("sarif", lint(PLANS / "invalid" / "td101-unknown-lead.yaml")))
    del document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"][
        "startLine"]
    document["runs"][0]["results"][0]["level"] = "fatal"
    assert len(list(validator("sarif-schema-2.1.0.json").iter_errors(document))) >= 1


def test_sarif_describes_every_rule() -> None:
    (run,) = json.loads(render("sarif", lint(EXAMPLE)))["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "thidua"
    assert [r["id"] for r in driver["rules"]] == [r.code for r in RULES]
    td101 = driver["rules"][[r.code for r in RULES].index("TD101")]
    assert td101["name"] == "unknown-member"
    assert td101["shortDescription"]["text"] == "An id that is not a member of the bloc"
    assert td101["fullDescription"]["text"].startswith("Checks every place a member is named")
    assert "**Use instead:**" in td101["help"]["markdown"]
    assert td101["defaultConfiguration"] == {"level": "error"}
    assert run["results"] == []


def test_sarif_results_point_at_their_rule_and_place() -> None:
    result = lint(*INVALID)
    (run,) = json.loads(render("sarif", result))["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert len(run["results"]) == len(result.findings) > len(INVALID)
    for sarif, f in zip(run["results"], result.findings, strict=True):
        assert rules[sarif["ruleIndex"]]["id"] == sarif["ruleId"] == f.code
        assert sarif["level"] == f.severity
        assert sarif["message"]["text"].startswith(f.message)
        (location,) = sarif["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": Path(f.path).as_posix(),
                                                "uriBaseId": "%SRCROOT%"}
        assert physical["region"] == {"startLine": f.line, "startColumn": f.column}
    # The base the relative paths stand on, as code-scanning dashboards resolve them.
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": ROOT.as_uri() + "/"}}


def test_sarif_rules_link_to_their_section_of_the_rules_page() -> None:
    from thidua_cli.docs import anchor
    from thidua_cli.formats.lint.sarif import DOCS_URL
    from thidua_cli.lint.catalog import rule_docs

    (run,) = json.loads(render("sarif", lint(EXAMPLE)))["runs"]
    sections = {d.rule.code: anchor(d) for d in rule_docs()}
    headings = (ROOT / "docs" / "rules.md").read_text("utf-8")
    for rule in run["tool"]["driver"]["rules"]:
        assert rule["helpUri"] == f"{DOCS_URL}#{sections[rule['id']]}"
        # The anchor is the one GitHub gives the rule's heading on the page.
        assert f"## {rule['id']} " in headings


def test_sarif_help_base_comes_from_the_configuration(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / ".thidua.toml").write_text('docs_url = "https://docs.example.vn/rules"\n')
    (tmp_path / "plan.yaml").write_text(EXAMPLE.read_text("utf-8"), "utf-8")
    done = subprocess.run([sys.executable, "-m", "thidua_cli", "lint", "--format", "sarif",
                           "plan.yaml"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    (run,) = json.loads(done.stdout)["runs"]
    uris = {r["helpUri"] for r in run["tool"]["driver"]["rules"]}
    assert "https://docs.example.vn/rules#td101-unknown-member" in uris
    assert all(u.startswith("https://docs.example.vn/rules#") for u in uris)
    errors = list(validator("sarif-schema-2.1.0.json").iter_errors(json.loads(done.stdout)))
    assert not errors


# GitLab -----------------------------------------------------------------------

@pytest.mark.parametrize("files", [INVALID, [EXAMPLE]], ids=["all-invalid", "clean"])
def test_gitlab_report_has_the_fields_gitlab_reads(files: list[Path]) -> None:
    report = json.loads(render("gitlab", lint(*files)))
    errors = list(validator("gitlab-code-quality.schema.json").iter_errors(report))
    assert not errors, errors[0].message
    assert len({issue["fingerprint"] for issue in report}) == len(report), "unique"


def test_gitlab_issue() -> None:
    (issue,) = json.loads(render("gitlab", lint(PLANS / "invalid" / "td101-unknown-lead.yaml")))
    assert issue["check_name"] == "TD101"
    assert issue["severity"] == "major"
    assert issue["description"].startswith("TD101 unknown-member: tasks.lead: 'bnb'")
    assert issue["location"] == {"path": "tests/plans/invalid/td101-unknown-lead.yaml",
                                 "lines": {"begin": 22}}


def test_gitlab_warning_is_minor() -> None:
    (issue,) = json.loads(render("gitlab", lint(
        PLANS / "invalid" / "td301-objective-without-task.yaml")))
    assert issue["severity"] == "minor"


def _finding(line: int, message: str = "m", path: str = "p.yaml", code: str = "TD101") -> Finding:
    return Finding(path, line, 1, code, "unknown-member", "error", message)


def _fingerprints(*findings: Finding) -> list[str]:
    from thidua_cli.lint.engine import FileResult

    result = LintResult((FileResult("p.yaml", tuple(findings)),))
    return [i["fingerprint"] for i in gitlab.issues(result)]


def test_gitlab_fingerprint_survives_lines_moving() -> None:
    assert _fingerprints(_finding(10)) == _fingerprints(_finding(42))


@pytest.mark.parametrize("other", [
    _finding(10, message="other"), _finding(10, path="q.yaml"), _finding(10, code="TD102"),
])
def test_gitlab_fingerprint_changes_with_path_code_or_message(other: Finding) -> None:
    assert _fingerprints(_finding(10)) != _fingerprints(other)


def test_gitlab_identical_findings_get_distinct_fingerprints() -> None:
    first, second = _fingerprints(_finding(3), _finding(7))
    assert first != second
    assert _fingerprints(_finding(3), _finding(7)) == [first, second], "and stable"


# Paths ------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "expected"), [
    ("plans/plan-2022.yaml", "plans/plan-2022.yaml"),
    ("./plans/../plans/plan-2022.yaml", "plans/plan-2022.yaml"),
    ("-", "-"),
])
def test_relative_paths(path: str, expected: str) -> None:
    assert paths.relative(path, str(ROOT)) == expected


def test_absolute_path_inside_the_root_becomes_relative() -> None:
    assert paths.relative(str(EXAMPLE), str(ROOT)) == "plans/plan-2022.yaml"


def test_path_outside_the_root_stays_absolute(tmp_path: Path) -> None:
    outside = tmp_path / "plan.yaml"
    assert paths.relative(str(outside), str(ROOT)) == outside.as_posix()
    assert paths.uri(str(outside), str(ROOT)) == outside.as_uri()


def test_uri_percent_encodes_vietnamese_names_and_spaces() -> None:
    assert paths.uri("plans/kế hoạch.yaml", str(ROOT)) == (
        "plans/k%E1%BA%BF%20ho%E1%BA%A1ch.yaml")
