"""``thidua diff`` as text: changes grouped by section, one a line.

::

    --- HEAD:plans/plan-2022.yaml
    +++ plans/plan-2022.yaml

    Nhiệm vụ (tasks)
      sửa     tasks[sap-xep].due (Sắp xếp tổ chức bộ máy): 2022-06-30 → 2022-09-30
      thêm    tasks[tong-ket] (Tổng kết phong trào thi đua)

    2 thay đổi: thêm 1, sửa 1

Values longer than a line go on their own lines, ``-`` old and ``+`` new.
Plain when piped; coloured with rich (imported only then) on a terminal.
Control, bidi and invisible characters are shown as escapes (``\\x1b``,
``\\u200b``): they could drive the terminal, and a change that only adds a
zero-width space must not look like no change.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

from ... import i18n
from ...diff.change import OPS, Change, DiffResult
from ...text.control import visible
from .. import ReportOptions
from .labels import Titles, by_section, is_item, section_name, shorten, show, summary

# Beyond this a value gets its own line rather than sharing the change's.
INLINE_WIDTH = 40
# A list or mapping shown as a value is cut to this (the JSON has it whole).
COLLECTION_WIDTH = 160
_STYLES = {"added": "green", "removed": "red", "changed": "yellow", "moved": "cyan",
           "renamed": "magenta", "old": "red", "new": "green", "section": "bold",
           "path": "bold", "title": "dim", "header": "bold"}

# A line is a list of (text, style) pieces; styles are used only on a terminal.
Piece = tuple[str, str]


def lines(result: DiffResult, lang: i18n.Lang) -> Iterator[list[Piece]]:
    yield [(f"--- {result.old.label}", "header")]
    yield [(f"+++ {result.new.label}", "header")]
    width = max(len(i18n.t(f"diff.op.{op}", lang)) for op in OPS)
    titles = Titles(result)
    for section, changes in by_section(result):
        yield []
        yield [(section_name(section, lang), "section")]
        for change in changes:
            yield from _change(change, titles.of(change), lang, width)
    yield []
    yield [(summary(result, lang), "")]


def _change(change: Change, title: str | None, lang: i18n.Lang,
            width: int) -> Iterator[list[Piece]]:
    op = i18n.t(f"diff.op.{change.op}", lang)
    head: list[Piece] = [("  ", ""), (op.ljust(width), change.op), (" ", ""),
                         (change.where or "/", "path")]
    if change.op == "renamed":
        head.append((f" → {change.new}", "new"))
    if title:
        head.append((f" ({title})", "title"))
    old, new = _values(change, lang)
    if old is None and new is None:
        yield head
    elif max(len(v) for v in (old, new) if v is not None) <= INLINE_WIDTH and not any(
            v is not None and "\n" in v for v in (old, new)):
        head.append((": ", ""))
        if old is not None:
            head.append((old, "old"))
        if old is not None and new is not None:
            head.append((" → ", ""))
        if new is not None:
            head.append((new, "new"))
        yield head
    else:
        yield [*head, (":", "")]
        pad = "  " + " " * (width + 1)
        for sign, value, style in (("-", old, "old"), ("+", new, "new")):
            if value is not None:
                for k, part in enumerate(value.splitlines() or [""]):
                    yield [(pad, ""), (f"{sign if k == 0 else ' '} {part}", style)]


def _values(change: Change, lang: i18n.Lang) -> tuple[str | None, str | None]:
    if change.op == "renamed" or (change.op in ("added", "removed") and is_item(change)):
        return None, None
    if change.op == "moved":
        return f"[{change.old}]", f"[{change.new}]"
    old = _shown(change.old, lang) if change.op != "added" else None
    new = _shown(change.new, lang) if change.op != "removed" else None
    return old, new


def _shown(value: object, lang: i18n.Lang) -> str:
    # Text is shown whole (the point of the diff); a whole section or list is
    # cut, as its items' ids and titles are what a reader scans for.
    text = show(value, lang)
    return text if isinstance(value, str) else shorten(text, COLLECTION_WIDTH)


def report(result: DiffResult, stream: TextIO, options: ReportOptions) -> None:
    if options.color:
        _report_rich(result, stream, options.lang)
        return
    for pieces in lines(result, options.lang):
        stream.write(visible("".join(text for text, _ in pieces)) + "\n")


def _report_rich(result: DiffResult, stream: TextIO, lang: i18n.Lang) -> None:
    from rich.console import Console
    from rich.text import Text

    # Forced: colour was chosen by the caller (a terminal, FORCE_COLOR, git's pager).
    console = Console(file=stream, soft_wrap=True, emoji=False, markup=False,
                      highlight=False, force_terminal=True)
    for pieces in lines(result, lang):
        text = Text()
        for part, style in pieces:
            text.append(visible(part), style=_STYLES.get(style, ""))
        console.print(text)
