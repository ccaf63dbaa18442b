"""Helpers for tests that put arbitrary text into plans and read the documents back."""

from __future__ import annotations

import zipfile
from io import BytesIO
from typing import Any

from docx import Document
from lxml import etree

# What YAML lets a file hold as it is (its c-printable set, minus NEL, which the
# C parser reads as a line break); anything else is written as an escape.
_RAW = [(0x20, 0x7E), (0xA0, 0xD7FF), (0xE000, 0xFFFD), (0x10000, 0x10FFFF)]


def yaml_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar, every character the file cannot
    hold as it is written as an escape (``\\x01``, ``\\uFFFE``)."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif any(low <= code <= high for low, high in _RAW) and char != "\ufeff":
            out.append(char)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


def docx_document(data: bytes) -> Any:
    """The DOCX opened by python-docx, after checking each XML part parses strictly."""
    with zipfile.ZipFile(BytesIO(data)) as archive:
        assert archive.testzip() is None
        for name in archive.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                etree.fromstring(archive.read(name))  # raises on anything not well-formed
    return Document(BytesIO(data))


def docx_text(data: bytes) -> str:
    """Every paragraph of the document's body and tables, one a line."""
    doc = docx_document(data)
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                lines.extend(p.text for p in cell.paragraphs)
    return "\n".join(lines)
