"""``--format sarif``: SARIF 2.1.0, for GitHub code scanning and other dashboards.

One run; ``tool.driver.rules`` describes every registered rule from its
docstring (summary, what it does and why, the full text as help), and each
result points at its rule by ``ruleId`` and ``ruleIndex``. Paths are relative
to the project with forward slashes, as code scanning matches them against the
repository, and given as relative to ``%SRCROOT%`` (``uriBaseId``), which
``originalUriBaseIds`` defines as the folder they are relative to. Each rule's
``helpUri`` is its section of ``docs/rules.md`` under ``DOCS_URL``, or under
the configuration's ``docs_url`` for a bloc that publishes its own. Columns
count Unicode code points (``columnKind``), which is what the YAML loader
reports; Vietnamese text is all in the BMP, so UTF-16 viewers agree anyway.
"""

from __future__ import annotations

from typing import Any, TextIO

from ... import __version__
from ...lint.engine import LintResult
from ...lint.finding import Finding
from ...text.control import dump_json
from . import ReportOptions
from .paths import uri

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
# Where docs/rules.md is read by default; the configuration's ``docs_url`` replaces it.
DOCS_URL = "https://github.com/thidua-cli/thidua/blob/main/docs/rules.md"
SRCROOT = "%SRCROOT%"


def rule_descriptors(docs_url: str | None = None) -> list[dict[str, Any]]:
    from ...docs import anchor, rule_body_markdown
    from ...lint.catalog import rule_docs

    out = []
    for d in rule_docs():
        full = " ".join(_sentence(d.sections[s]) for s in ("What it does", "Why it matters")
                        if s in d.sections)
        out.append({
            "id": d.rule.code,
            "name": d.rule.name,
            "shortDescription": {"text": d.summary},
            "fullDescription": {"text": full or d.summary},
            "helpUri": f"{docs_url or DOCS_URL}#{anchor(d)}",
            "help": {"text": d.body, "markdown": rule_body_markdown(d)},
            "defaultConfiguration": {"level": d.rule.severity},
        })
    return out


def _sentence(text: str) -> str:
    """A docstring section as one line, starting with a capital: "Checks that ..." """
    flat = " ".join(text.split())
    return flat[:1].upper() + flat[1:]


def document(result: LintResult, options: ReportOptions) -> dict[str, Any]:
    import os
    from pathlib import Path

    rules = rule_descriptors(options.docs_url)
    root = Path(os.path.abspath(options.root or os.getcwd())).as_uri().rstrip("/") + "/"
    index = {r["id"]: i for i, r in enumerate(rules)}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "thidua", "version": __version__, "semanticVersion": __version__,
                "rules": rules,
            }},
            "originalUriBaseIds": {SRCROOT: {"uri": root}},
            "columnKind": "unicodeCodePoints",
            "results": [_result(f, index, options) for f in result.findings],
        }],
    }


def _result(f: Finding, index: dict[str, int], options: ReportOptions) -> dict[str, Any]:
    out: dict[str, Any] = {"ruleId": f.code}
    if f.code in index:
        out["ruleIndex"] = index[f.code]
    out |= {
        "level": f.severity,
        "message": {"text": f"{f.message} ({f.hint})" if f.hint else f.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": _artifact(f.path, options),
            "region": {"startLine": f.line, "startColumn": f.column},
        }}],
    }
    return out


def _artifact(path: str, options: ReportOptions) -> dict[str, str]:
    """A path inside the project is relative to ``%SRCROOT%``; others are ``file:`` URIs."""
    location = uri(path, options.root)
    if location.startswith("file:"):
        return {"uri": location}
    return {"uri": location, "uriBaseId": SRCROOT}


def report(result: LintResult, stream: TextIO, options: ReportOptions) -> None:
    dump_json(document(result, options), stream)
    stream.write("\n")
