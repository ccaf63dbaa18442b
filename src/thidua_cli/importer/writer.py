"""The draft written as a plan file, in the block style of ``thidua new``'s skeleton.

Written by hand rather than by a YAML library, because every inferred value
carries its ``# thidua import:`` comment on the line above it, and text the
importer could not place goes into a commented block at the end. Scalars are
plain when YAML reads them back as the same string, else double-quoted with
escapes; lists of ids are flow lists (``[btc, bnv]``), as in the skeleton.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .draft import Draft, Path_

MODELINE = "# yaml-language-server: $schema={schema}"
SCHEMA_PATH = "schema/plan.schema.json"
PREFIX = "# thidua import: "
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#\n\t]*\Z")
# Plain text YAML would read as something else: numbers, dates, times, sexagesimals.
_NOT_TEXT = re.compile(r"^[-+]?(?:[\d_.,:]+(?:[eE][-+]?\d+)?|\.inf|\.nan|0x[\da-fA-F]+|0o[0-7]+)$"
                       r"|^\d{4}-\d\d?-\d\d?(?:[Tt ].*)?$", re.I)
_DATE_KEYS = {"date", "due", "month"}
# `<<` is the merge key of YAML 1.1 readers (PyYAML, ruamel): never plain.
_RESERVED = re.compile(r"^(?:true|false|yes|no|on|off|null|y|n|~|<<|=)$", re.I)
_ID_LIST = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_YAML_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_REF_LISTS = {"deputies", "objectives", "basis", "support", "members"}


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    text = str(value)
    if (_PLAIN.match(text) and not _RESERVED.match(text) and not _NOT_TEXT.match(text)
            and _text_to_the_reader(text) and ": " not in text
            and not text.endswith((":", " ")) and " #" not in text
            and not _YAML_PRINTABLE.search(text) and "\r" not in text
            and "\u2028" not in text and "\u2029" not in text and "\x85" not in text
            and "\ufeff" not in text):
        return text
    return _quoted(text)


def _text_to_the_reader(text: str) -> bool:
    """Whether the plan reader takes ``text``, written plain, as text: ``0b1``,
    ``0x_1`` and ``0o1_7`` are numbers to it, which ``_NOT_TEXT`` missed (a
    document's ``0b1`` was imported as the number 1)."""
    from ..composer import STR, _resolve
    from ..libyaml import ScalarNode

    return bool(_resolve(ScalarNode, text, (True, False)) == STR)


def _quoted(text: str) -> str:
    out = []
    for char in text:
        code = ord(char)
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif code < 0x20 or code == 0x7F or 0x80 <= code < 0xA0 or code in (
                0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF) or 0xD800 <= code < 0xE000:
            out.append(f"\\x{code:02x}" if code < 0x100 else
                       f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


class _Writer:
    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.lines: list[str] = []

    def notes(self, path: Path_, indent: str) -> None:
        for note in self.draft.notes.get(path, []):
            # Notes quote the document's text, which may hold line breaks.
            self.lines.append(f"{indent}{PREFIX}{_comment_safe(note)}")

    def mapping(self, data: dict[str, Any], path: Path_, indent: str, first: str = "") -> None:
        lead = first
        for name, value in data.items():
            here = (*path, name)
            self.notes(here, indent)
            prefix = lead or indent
            lead = ""
            self.value(name, value, here, prefix, indent)

    def value(self, name: str, value: Any, path: Path_, prefix: str, indent: str) -> None:
        if isinstance(value, dict):
            self.lines.append(f"{prefix}{name}:")
            self.mapping(value, path, indent + "  ")
        elif isinstance(value, list):
            if name in _REF_LISTS and all(isinstance(v, str) and _ID_LIST.match(v)
                                          for v in value):
                self.lines.append(f"{prefix}{name}: [{', '.join(value)}]")
                return
            if not value:
                self.lines.append(f"{prefix}{name}: []")
                return
            self.lines.append(f"{prefix}{name}:")
            for i, item in enumerate(value):
                self.notes((*path, i), indent + "  ")
                if isinstance(item, dict):
                    self.mapping(item, (*path, i), indent + "    ", first=indent + "  - ")
                else:
                    self.lines.append(f"{indent}  - {scalar(item)}")
        elif name in _DATE_KEYS and isinstance(value, str) and re.fullmatch(
                r"\d{4}-\d\d(?:-\d\d)?", value):
            self.lines.append(f"{prefix}{name}: {value}")
        else:
            self.lines.append(f"{prefix}{name}: {scalar(value)}")


def write_plan(draft: Draft, *, source: str, schema: str = SCHEMA_PATH) -> str:
    """The plan file's text."""
    w = _Writer(draft)
    w.lines.append(MODELINE.format(schema=schema))
    shown = _comment_safe(json.dumps(source, ensure_ascii=False))
    w.lines.append(f"# Imported by `thidua import` from {shown}.")
    w.lines.append("# Check every line marked 'thidua import:', then delete the marks.")
    w.lines.append("")
    top = ("version", "year", "title", "theme", "document", "bloc", "basis", "objectives",
           "tasks", "events", "criteria")
    for name in top:
        if name not in draft.data:
            for note in draft.notes.get((name,), []):
                w.lines.append(f"{PREFIX}{_comment_safe(note)}")
            continue
        if name in ("document", "bloc", "basis", "objectives", "tasks", "events", "criteria"):
            w.lines.append("")
        w.notes((name,), "")
        w.value(name, draft.data[name], (name,), "", "")
    for name, lines in draft.commented:
        w.lines.append("")
        w.lines.append(f"{PREFIX}{name} as the document shows it, not a plan's own block "
                       "(no place, date or signer): fill it in or leave it out")
        w.lines.append(f"# {name}:")
        w.lines.extend(f"#   {_comment_safe(line)}" for line in lines)
    if draft.unplaced:
        w.lines.append("")
        w.lines.append(f"{PREFIX}text not placed in the plan (kept here, not dropped):")
        for text in draft.unplaced:
            for line in text.split("\n"):
                w.lines.append(f"#   {_comment_safe(line)}")
    return "\n".join(w.lines) + "\n"


def _comment_safe(text: str) -> str:
    """A comment line cannot hold a line break, and should not hold control characters."""
    return _YAML_PRINTABLE.sub("\ufffd", re.sub(r"[\r\n\u2028\u2029\x85]", " ", text))
