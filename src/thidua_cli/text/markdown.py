"""Plan text as Markdown that shows it literally.

One escape for every Markdown thidua writes from a plan's values: the
rendered plan and report (``render/markdown.py``) and the language server's
hovers and completion documentation (``lsp/hover.py``).
"""

from __future__ import annotations

import re

_ALWAYS = re.compile(r"([\\`*_\[\]<|~$])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Constructs that only count at the start of a line: headings, quotes, lists,
# setext underlines, thematic breaks.
_LINE_START = re.compile(r"^([#>+=-]|\d+(?=[.)]))", re.MULTILINE)


def escape(text: str) -> str:
    """``text`` escaped so that Markdown shows it literally."""
    text = _ALWAYS.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    lines = [line.strip() for line in text.split("\n")]
    return _LINE_START.sub(_escape_line_start, "\n".join(lines))


def _escape_line_start(match: re.Match[str]) -> str:
    found = match.group(1)
    # "1." → "1\." : the digits stay, the dot is what makes a list.
    return found + "\\" if found[0].isdigit() else "\\" + found


def code(text: str) -> str:
    """``text`` as one code span, whatever backticks it holds.

    A file name or key holding a backtick ended a plain `` `...` `` span, and
    the rest of it was Markdown and HTML (``a`<img src=...>`.yaml``). CommonMark
    closes a span only on a run of backticks as long as the one that opened
    it: the fence is one longer than the longest run inside, and a space
    apart from a backtick at either end (one space each side is dropped).
    """
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text[:1] == "`" or text[-1:] == "`" else ""
    return f"{fence}{pad}{text}{pad}{fence}"
