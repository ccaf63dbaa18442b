"""Characters a printed document cannot show, and what it shows instead.

One rule for every rendered output (DOCX, PDF, Markdown, the year-end report):
a *control character* is replaced by U+FFFD REPLACEMENT CHARACTER (``�``),
visibly, never dropped, so a reader sees that something was there and the
linter (TD406 control-character) can say where it came from. The set:

- the C0 controls U+0000-U+001F except tab and the line breaks (tab becomes a
  space, CR LF and CR become a line break): XML 1.0, and so a DOCX, cannot
  carry them at all;
- DEL (U+007F) and the C1 controls U+0080-U+009F: XML could carry them, but
  they have no glyph and print as nothing; in a plan they are nearly always
  Windows-1252 punctuation read as Latin-1 (U+0085 for ``…``, U+0093 for
  ``“``), and on a terminal U+009B can start an escape sequence;
- the non-characters U+FFFE and U+FFFF and lone surrogates, which XML 1.0
  cannot carry either (a YAML file cannot hold surrogates, a plan built in
  Python can).

Every other character is kept as written: format characters (RTL marks,
zero-width joiners), emoji, private-use characters, U+2028 and U+2029.

Terminals, CI logs and review comments are another matter (``visible``, for
lint messages and the diff reports): there a
control character could move the cursor, recolour the screen or forge a line,
a bidi override reorders what is shown, and an invisible character makes two
different texts look the same. They are shown as Python escapes instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TextIO

REPLACEMENT = "\ufffd"

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAK = re.compile("\r\n?")


def printable(text: str) -> str:
    """``text`` with tabs as spaces, CR LF and CR as LF, control characters as ``�``."""
    text = _LINE_BREAK.sub("\n", text.replace("\t", " "))
    return _CONTROL.sub(REPLACEMENT, text)


# Control characters, bidi controls and invisible format characters (soft
# hyphen, zero-width space and joiners, word joiner, BOM), as Python escapes.
_ESCAPES = {c: ascii(chr(c))[1:-1] for c in (
    *range(0x20), *range(0x7F, 0xA0), 0xAD, 0x61C, 0x180E, *range(0x200B, 0x2010),
    *range(0x2028, 0x202F), *range(0x2060, 0x2065), *range(0x2066, 0x2070), 0xFEFF,
    0xFFFE, 0xFFFF)}


# A byte of a file name that is not UTF-8 (Python reads ``p\xff.yaml`` as
# ``p\udcff.yaml``, ``surrogateescape``) as the byte it is: ``p\xff.yaml``, as
# ``visible`` writes other bytes, where ``p\udcff.yaml`` named a character the
# name does not hold. (JSON keeps its ``\udcff``, which reads back as the name.)
_SHOWN = {**_ESCAPES, **{c: f"\\x{c - 0xDC00:02x}" for c in range(0xDC80, 0xDD00)}}


def visible(text: str) -> str:
    """``text`` with control, bidi and invisible characters shown as escapes
    (``\\x1b``, ``\\u202e``), a file name's byte that is not UTF-8 as ``\\xff``:
    for terminals and review comments, not documents."""
    return text.translate(_SHOWN)


# The same characters as JSON escapes, but those JSON escapes itself (C0, which
# ``json.dumps`` writes as ``\\u001b``) and lone surrogates (``atomic.text_bytes``).
_JSON_ESCAPES = {c: f"\\u{c:04x}" for c in _ESCAPES if c >= 0x7F}


def dump_json(data: object, stream: TextIO) -> None:
    """``data`` as indented JSON, Vietnamese as written, but C1 controls, bidi and
    invisible characters as JSON escapes (``\\u202e``).

    The document reads back the same; printed to a terminal or shown in a CI
    log, a plan's U+202E no longer reorders the line, nor U+009B starts an
    escape sequence (``ensure_ascii=False`` wrote them raw).
    """
    import codecs
    import json

    # A stream that is not UTF-8 (``LANG=en_US.ISO-8859-1``,
    # ``PYTHONIOENCODING=ascii``) gets every other character as a JSON escape
    # too: its ``backslashreplace`` wrote ``\xe0``, which is no JSON, and
    # Latin-1 bytes, which a JSON reader (UTF-8, RFC 8259) cannot decode. ASCII
    # is valid in both, and reads back the same.
    encoding = getattr(stream, "encoding", None)
    if isinstance(encoding, str) and not codecs.lookup(encoding).name.startswith("utf-8"):
        stream.write(json.dumps(data, ensure_ascii=True, indent=2))
        return
    stream.write(json.dumps(data, ensure_ascii=False, indent=2).translate(_JSON_ESCAPES))


def find(text: str) -> Iterator[int]:
    """The offsets of the control characters in ``text`` (the ones ``printable`` replaces)."""
    for match in _CONTROL.finditer(text):
        yield match.start()


def has_control(text: str) -> bool:
    return _CONTROL.search(text) is not None


#: The bidi controls: the embeddings, overrides and isolates (U+202A-U+202E,
#: U+2066-U+2069) and the marks (LRM U+200E, RLM U+200F, ALM U+061C). A
#: document keeps them (``printable``), and they reorder what it shows: a plan's
#: ``"Đội \u202e01 ..."`` prints differently from what a reviewer read
#: ("Trojan Source"). Vietnamese needs none of them.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def has_suspect(text: str) -> bool:
    """Whether ``text`` holds a control character or a bidi control."""
    return _suspect().search(text) is not None


@cache
def _suspect() -> re.Pattern[str]:
    # Either kind, one character class, for one search of a whole file;
    # compiled when first needed (its class spans the surrogates: 0.2 ms).
    return re.compile(_CONTROL.pattern[:-1] + _BIDI.pattern[1:])


def find_bidi(text: str) -> Iterator[int]:
    """The offsets of the bidi controls in ``text``."""
    for match in _BIDI.finditer(text):
        yield match.start()


def name(char: str) -> str:
    """``U+0001``: how a message names a control character."""
    return f"U+{ord(char):04X}"


def long_name(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: how a message names a bidi control."""
    import unicodedata

    return f"{name(char)} {unicodedata.name(char, '')}".rstrip()


def windows_1252(char: str) -> str | None:
    """What a C1 control was in Windows-1252 (U+0085 → ``…``), if anything."""
    code = ord(char)
    if not 0x80 <= code <= 0x9F:
        return None
    try:
        return bytes([code]).decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned
        return None
