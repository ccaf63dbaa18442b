"""``thidua diff --format md``: a pull-request comment.

A heading naming both sides, a summary line, a note for a side that is not a
valid plan, then one table per section of the plan: what changed, where (with
the item's title), the old and the new value.
"""

from __future__ import annotations

import html
from typing import TextIO

from ... import i18n
from ...diff.change import Change, DiffResult
from ...text.control import visible
from ...text.markdown import code as _code
from .. import ReportOptions
from .labels import (
    Titles,
    by_section,
    is_item,
    section_name,
    shorten,
    show,
    summary,
)

# A cell longer than this is cut: a PR comment is a summary, the file has the rest.
CELL_WIDTH = 300


def report(result: DiffResult, stream: TextIO, options: ReportOptions) -> None:
    lang = options.lang
    out = [f"### thidua diff: {_code(result.old.label)} → {_code(result.new.label)}", "",
           f"**{summary(result, lang)}**", ""]
    for side in (result.old, result.new):
        if side.errors:
            note = i18n.t("diff.invalid_plan", lang, path=_code(side.label), errors=side.errors)
            out += [f"> {note}", ""]
    header = "| {} | {} | {} | {} |".format(*(i18n.t(f"diff.md.{k}", lang)
                                              for k in ("op", "where", "old", "new")))
    titles = Titles(result)
    for section, changes in by_section(result):
        out += [f"#### {_heading(section, lang)}", "", header, "|---|---|---|---|"]
        out += [_row(change, titles.of(change), lang) for change in changes]
        out.append("")
    # Each entry is one line: escape what a comment would hide or reorder.
    stream.write("\n".join(visible(line) for line in out).rstrip("\n") + "\n")


def _row(change: Change, title: str | None, lang: i18n.Lang) -> str:
    where = _code(change.where or "/").replace("|", "\\|")
    if title:
        where += f" {_cell(title)}"
    if change.op == "moved":
        old, new = f"[{change.old}]", f"[{change.new}]"
    elif change.op == "renamed":
        old, new = str(change.old), str(change.new)
    elif change.op in ("added", "removed") and is_item(change):
        old = new = ""
    else:
        old = show(change.old, lang) if change.op != "added" else ""
        new = show(change.new, lang) if change.op != "removed" else ""
    op = i18n.t(f"diff.op.{change.op}", lang)
    return f"| {op} | {where} | {_cell(old)} | {_cell(new)} |"


def _heading(section: str, lang: i18n.Lang) -> str:
    """A section's name; a key the format does not know, as code.

    A plan's own top-level key (``<img src=...>``, ``[x](https://...)``)
    made the heading over its table, rendered as HTML and links.
    """
    name = section_name(section, lang)
    return _code(section) if section and name == section else name


def _cell(text: str) -> str:
    """Table-safe: no pipes or line breaks to end the row, no HTML or link to render.

    ``](`` escaped: a value ``![x](https://...)`` showed an image in the
    comment, ``[x](...)`` a link its text did not show. (A ``[x]`` alone is
    no link: a comment has no link definitions, and none fits in a table.)
    """
    text = html.escape(shorten(text, CELL_WIDTH), quote=False).replace("](", "\\](")
    return text.replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>")
