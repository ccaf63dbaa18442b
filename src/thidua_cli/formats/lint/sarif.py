"""``--format sarif``: SARIF 2.1.0, for GitHub code scanning and other dashboards.

One run; ``tool.driver.rules`` describes every registered rule from its
docstring (summary, what it does and why, the full text as help), and each
result points at its rule by ``ruleId`` and ``ruleIndex``. Paths are relative
to the project with forward slashes, as code scanning matches them against the
repository. Columns count Unicode code points (``columnKind``), which is what
the YAML loader reports; Vietnamese text is all in the BMP, so UTF-16 viewers
agree anyway.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from ... import __version__
from ...lint.engine import LintResult
from ...lint.finding import Finding
from . import ReportOptions
from .paths import uri

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def rule_descriptors() -> list[dict[str, Any]]:
    from ...docs import rule_body_markdown
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
            "help": {"text": d.body, "markdown": rule_body_markdown(d)},
            "defaultConfiguration": {"level": d.rule.severity},
        })
    return out


def _sentence(text: str) -> str:
    """A docstring section as one line, starting with a capital: "Checks that ..." """
    flat = " ".join(text.split())
    return flat[:1].upper() + flat[1:]


def document(result: LintResult, options: ReportOptions) -> dict[str, Any]:
    rules = rule_descriptors()
    index = {r["id"]: i for i, r in enumerate(rules)}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "thidua", "version": __version__, "semanticVersion": __version__,
                "rules": rules,
            }},
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
            "artifactLocation": {"uri": uri(f.path, options.root)},
            "region": {"startLine": f.line, "startColumn": f.column},
        }}],
    }
    return out


def report(result: LintResult, stream: TextIO, options: ReportOptions) -> None:
    json.dump(document(result, options), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
