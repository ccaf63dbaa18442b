"""The plan as a Word document, through docxtpl and ``plan.docx``.

docxtpl fills a real .docx (one the secretariat can open and restyle in Word
or LibreOffice) with Jinja. It runs in our sandboxed environment with
autoescaping on: plan text goes into the XML as text, so ``&``, ``<`` and
``{{ 7*7 }}`` print as written and the document stays valid XML.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache
from io import BytesIO
from typing import Any

from ..archive import stable_zip
from ..errors import InputError
from .environment import make_environment, template_errors
from .templates import DOCX, TemplateSearch

# docxtpl renders each XML part as one string named "<template>" by Jinja.
_FRAME_FILE = "<template>"
_TAGS = re.compile(r"<[^>]+>")


def render_docx(context: Mapping[str, Any], search: TemplateSearch, *, name: str = DOCX,
                finish: Callable[[Any], None] | None = None,
                fix_columns: Callable[[str], bool] | None = None) -> bytes:
    """Render the template ``name`` (``plan.docx``) with ``context`` (from
    ``build_context``); the .docx bytes. ``finish`` gets the rendered python-docx
    document before it is saved, for what Jinja cannot do (column widths);
    ``fix_columns`` gets the template's XML and says whether docxtpl must still
    repair the grids after ``{%tc %}`` column loops (no when ``finish`` does it).
    Then ``layout.finish_document`` sizes the columns from their content, keeps
    the signature with the text before it and binds spaced hyphens."""
    from .package import check_template

    path = search.find(name)
    check_template(path)
    template = _template_class()(str(path))
    try:
        template.init_docx()
        xml = template.get_xml()
        template.column_loops = bool(_COLUMN_TAG.search(_TAGS.sub("", xml))) and (
            fix_columns is None or fix_columns(xml))
    except MemoryError:  # the room, not the template (`ulimit -v`): said as such
        raise
    except Exception as e:  # not a zip, not a Word document, broken XML ...
        raise InputError("render.bad_docx_template", path=str(path),
                         reason=f"{type(e).__name__}: {e}") from e
    env = make_environment(autoescape=True)
    with template_errors(str(path), _FRAME_FILE, near=lambda line: _near(template, line)):
        template.render(context, jinja_env=env, autoescape=True)
    # The document's title in File > Properties is the plan's, set outside Jinja
    # (python-docx escapes it itself).
    set_title(template.docx, str(context["title"]))
    if finish is not None:
        finish(template.docx)
    from .layout import finish_document

    finish_document(template.docx)
    out = BytesIO()
    template.save(out)
    return stable_zip(out.getvalue())


# Characters docxtpl turns into Word markup (line and page breaks, tabs) when
# they appear in a text run; ``context.clean`` leaves only newlines.
_LISTING = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\n\a\f]")
_COLUMN_TAG = re.compile(r"\{%-?\s*tc\s")


@cache
def _template_class() -> type[Any]:
    """docxtpl's ``DocxTemplate`` without two whole-document passes our output
    does not need, each a large share of the time on a big plan:

    - ``resolve_listing`` rewrites every run in search of tabs and breaks:
      run it only when a text run has one;
    - ``fix_tables`` re-counts every table row to repair the column grid after
      ``{%tc %}`` column loops: run it only for a template that has them.
      Otherwise the rendered XML is just parsed, strictly: a template whose
      output is not well-formed XML is an error, not silently "recovered".
    """
    from docxtpl import DocxTemplate  # type: ignore[import-untyped]
    from lxml import etree  # type: ignore[import-untyped]

    class Template(DocxTemplate):  # type: ignore[misc]
        column_loops = True

        def resolve_listing(self, xml: str) -> str:
            if _LISTING.search(xml) is None:
                return xml
            return str(super().resolve_listing(xml))

        def patch_xml(self, src_xml: str) -> str:
            # The same text from the same part every time: made once (compiled.py).
            from docxtpl import __version__

            from . import compiled

            return compiled.text(("docxtpl.patch_xml", __version__, src_xml),
                                 lambda: str(super(Template, self).patch_xml(src_xml)))

        def fix_tables(self, xml: str) -> Any:
            if self.column_loops:
                return super().fix_tables(xml)
            parser = etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True)
            try:
                return etree.fromstring(xml.encode("utf-8"), parser=parser)
            except etree.XMLSyntaxError as e:
                from .package import out_of_memory

                if out_of_memory(e):
                    raise MemoryError from e
                raise InputError("render.template_bad_xml", path=str(self.template_file),
                                 detail=str(e)) from e

    return Template


def _near(template: Any, line: int) -> str | None:
    """The words of the template paragraph on ``line`` of the XML docxtpl gave Jinja."""
    try:
        xml = template.patch_xml(template.get_xml())
    except Exception:
        return None
    lines = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml).splitlines()
    if not 1 <= line <= len(lines):
        return None
    words = " ".join(_TAGS.sub("", lines[line - 1]).split())
    return f"“{words[:80]}”" if words else None


#: The most characters python-docx puts in a core property (Word shows 255).
TITLE_MAX = 255


def set_title(document: Any, title: str) -> None:
    """``title`` as the document's title property, cut to what the property holds.

    The page shows the whole title; python-docx refused one of 256 characters
    or more with a ``ValueError``, an internal error for a plan with a long,
    valid title.
    """
    if len(title) > TITLE_MAX:
        title = title[:TITLE_MAX - 1] + "…"
    document.core_properties.title = title
