"""Prepare the shipped DOCX templates: ``src/thidua_cli/render/prepared.json``.

Renders every kind of document from the example plans with the shipped
templates and keeps what each run would otherwise make again: docxtpl's
patched XML of every part and the Python that Jinja generates from it
(``render/compiled.py`` reads them back). The entries are named by digests of
everything they depend on, docxtpl's and Jinja's versions among them: run
this again after upgrading either (until then the templates are prepared on
each run, as without the file), or after changing a shipped template.

    python scripts/prepare_templates.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import CodeType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PLANS = (ROOT / "plans" / "plan-2022.yaml", ROOT / "tests" / "plans" / "documents"
         / "plan-2022-votes.yaml", ROOT / "tests" / "plans" / "valid" / "scoring.yaml")
DAY = date(2022, 12, 20)
KINDS = ("ke-hoach", "tong-ket", "giao-uoc", "so-ket", "don-doc", "phieu-bau", "bien-ban",
         "to-trinh")


def prepared() -> dict[str, Any]:
    """The entries, from renders of every kind of document of the example plans."""
    import jinja2

    from thidua_cli.render import compiled

    texts: dict[str, str] = {}
    sources: dict[str, list[str]] = {}

    def text(parts: tuple[str, ...], make: Callable[[], str]) -> str:
        made = make()
        texts[compiled._shipped_key("text", parts)] = made
        return made

    def code(parts: tuple[str, ...], make: Callable[[], CodeType]) -> CodeType:
        seen: list[tuple[str, str]] = []
        original = jinja2.Environment._compile

        def capture(env: Any, source: str, filename: str) -> CodeType:
            seen.append((filename, source))
            return original(env, source, filename)

        jinja2.Environment._compile = capture  # type: ignore[method-assign]
        try:
            made = make()
        finally:
            jinja2.Environment._compile = original  # type: ignore[method-assign]
        filename, source = seen[-1]
        sources[compiled._shipped_key("code", parts)] = [filename, source]
        return made

    saved = compiled.text, compiled.code, compiled._prepared
    compiled.text, compiled.code = text, code  # type: ignore[assignment]
    compiled._prepared = dict  # type: ignore[assignment] # prepare, do not read
    try:
        _render_all()
    finally:
        compiled.text, compiled.code, compiled._prepared = saved  # type: ignore[assignment]
    import docxtpl  # type: ignore[import-untyped]

    return {"made_with": {"docxtpl": docxtpl.__version__, "jinja2": jinja2.__version__},
            "texts": dict(sorted(texts.items())), "sources": dict(sorted(sources.items()))}


def _render_all() -> None:
    from thidua_cli import api

    with tempfile.TemporaryDirectory() as out:
        for plan in PLANS:
            for kind in KINDS:
                try:
                    api.render(str(plan), output=str(Path(out) / f"{kind}.docx"), doc=kind,
                               today=DAY)
                except Exception as e:  # a kind this plan cannot make
                    print(f"{plan.name} {kind}: {type(e).__name__}", file=sys.stderr)
            try:
                api.write_report(str(plan), output=str(Path(out) / "report.docx"),
                                 format="docx", as_of=DAY)
            except Exception as e:  # a plan without scores
                print(f"{plan.name} report: {type(e).__name__}", file=sys.stderr)


def text_of(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=0) + "\n"


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    data = prepared()
    target = ROOT / "src" / "thidua_cli" / "render" / "prepared.json"
    target.write_text(text_of(data), encoding="utf-8")
    print(f"{target}: {len(data['texts'])} texts, {len(data['sources'])} sources")


if __name__ == "__main__":
    main()
