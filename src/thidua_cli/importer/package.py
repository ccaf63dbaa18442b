"""A .docx opened as a hostile file: a zip of XML parts, read within bounds.

A Word file comes from anyone, so it is read the way the loader reads a plan:
limits first. The zip's own directory is checked before anything is
inflated (how many entries, how large each claims to be, how much larger
than its compressed size), and only the few parts a plan can be in are ever
inflated, each through a counted stream that stops at its limit whatever the
directory claimed. Pictures, embedded files and macros are never read: a
100 MB photo costs nothing. XML is parsed by expat with every DTD refused (no
entity can expand, no external entity or DTD can be fetched), and
relationships that point outside the package (an attached template, a linked
picture) are only counted, never followed. A macro-enabled file (.docm, or a
package with a VBA project) is refused: thidua does not read files whose
point is to run code.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import IO
from xml.etree import ElementTree

from ..archive import DAMAGED
from ..errors import InputError

#: Most entries a package may list, and most bytes one XML part or all the
#: parts read together may inflate to: far more than any plan, far less
#: than what hurts.
MAX_ENTRIES = 5_000
MAX_PART_BYTES = 32 * 1024 * 1024
MAX_TOTAL_BYTES = 64 * 1024 * 1024
#: Deflate rarely shrinks XML more than about 20 times; a bomb shrinks thousands.
MAX_RATIO = 200
#: Ratios of tiny parts mean nothing (a 2 KB part of spaces is harmless).
RATIO_FLOOR = 1024 * 1024

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOC = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
              "officeDocument")
MACRO_TYPES = ("macroEnabled", "vbaProject")


@dataclass
class Package:
    """The parts of a Word document that can hold a plan, parsed."""

    path: str
    document: ElementTree.Element
    styles: ElementTree.Element | None = None
    numbering: ElementTree.Element | None = None
    #: Relationships that point outside the file: never followed, reported.
    external: list[str] = field(default_factory=list)


class _Budget:
    def __init__(self, path: str) -> None:
        self.path = path
        self.left = MAX_TOTAL_BYTES

    def read(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
        limit = min(MAX_PART_BYTES, self.left)
        try:
            with archive.open(info) as stream:
                data = _read_at_most(stream, limit + 1)
        except DAMAGED as e:  # a part that does not inflate, encrypted, a bad checksum
            raise InputError("import.not_docx", path=self.path) from e
        if len(data) > limit:
            raise InputError("import.too_large", path=self.path, part=info.filename,
                             limit=limit // (1024 * 1024))
        self.left -= len(data)
        return data


def _read_at_most(stream: IO[bytes], limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = stream.read(min(1 << 20, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def open_docx(source: Path | bytes, shown: str) -> Package:
    """The package at ``source`` (a path, or the bytes of a converted file; shown
    to the user as ``shown``), checked and parsed."""
    try:
        archive = zipfile.ZipFile(BytesIO(source) if isinstance(source, bytes) else source)
    except FileNotFoundError as e:
        raise InputError("input.not_found", path=shown) from e
    except IsADirectoryError as e:
        raise InputError("input.is_directory", path=shown) from e
    except PermissionError as e:
        raise InputError("input.permission", path=shown) from e
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise InputError("import.not_docx", path=shown) from e
    with archive:
        return _read(archive, shown)


def _read(archive: zipfile.ZipFile, shown: str) -> Package:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise InputError("import.too_many_parts", path=shown, count=len(infos),
                         limit=MAX_ENTRIES)
    names = {info.filename: info for info in infos}
    budget = _Budget(shown)
    if "[Content_Types].xml" not in names:
        raise InputError("import.not_docx", path=shown)
    types = _parse(budget.read(archive, names["[Content_Types].xml"]), shown,
                   "[Content_Types].xml")
    if _has_macros(types, names):
        raise InputError("import.macros", path=shown)
    main = _main_part(archive, names, budget, shown)
    if main is None or main not in names:
        raise InputError("import.not_docx", path=shown)
    for info in (names[main],):
        _check_ratio(info, shown)
    document = _parse(budget.read(archive, names[main]), shown, main)
    if document.tag != f"{{{W}}}document":
        raise InputError("import.not_docx", path=shown)
    folder = main.rpartition("/")[0]
    rels_name = f"{folder}/_rels/{main.rpartition('/')[2]}.rels"
    styles = numbering = None
    external: list[str] = []
    if rels_name in names:
        rels = _parse(budget.read(archive, names[rels_name]), shown, rels_name)
        for rel in rels.iter(f"{{{REL}}}Relationship"):
            kind = rel.get("Type", "").rpartition("/")[2]
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                external.append(f"{kind}: {target}")
                continue
            part = _resolve(folder, target)
            if kind in ("styles", "numbering") and part in names:
                _check_ratio(names[part], shown)
                parsed = _parse(budget.read(archive, names[part]), shown, part)
                if kind == "styles":
                    styles = parsed
                else:
                    numbering = parsed
    return Package(shown, document, styles, numbering, external)


def _has_macros(types: ElementTree.Element, names: dict[str, zipfile.ZipInfo]) -> bool:
    for element in types.iter():
        content = element.get("ContentType", "")
        if any(word in content for word in MACRO_TYPES):
            return True
    return any(name.lower().endswith("vbaproject.bin") for name in names)


def _main_part(archive: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo], budget: _Budget,
               shown: str) -> str | None:
    if "_rels/.rels" not in names:
        return "word/document.xml" if "word/document.xml" in names else None
    rels = _parse(budget.read(archive, names["_rels/.rels"]), shown, "_rels/.rels")
    for rel in rels.iter(f"{{{REL}}}Relationship"):
        if rel.get("Type") == OFFICE_DOC and rel.get("TargetMode") != "External":
            return _resolve("", rel.get("Target", ""))
    return None


def _resolve(folder: str, target: str) -> str:
    parts = [] if target.startswith("/") else [p for p in folder.split("/") if p]
    for piece in target.lstrip("/").split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def _check_ratio(info: zipfile.ZipInfo, shown: str) -> None:
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise InputError("import.zip_bomb", path=shown, part=info.filename,
                         size=info.file_size, packed=info.compress_size)


class _Refused(Exception):
    pass


def _parse(data: bytes, shown: str, part: str) -> ElementTree.Element:
    """``data`` parsed by expat with DTDs refused: no entity is ever declared."""
    from xml.parsers import expat

    builder = ElementTree.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")

    def start(name: str, attrs: dict[str, str]) -> None:
        builder.start(_qualified(name), {_qualified(k): v for k, v in attrs.items()})

    def refuse(*_: object) -> int:
        raise _Refused

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda name: builder.end(_qualified(name))
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
        return builder.close()
    except _Refused as e:
        raise InputError("import.dtd", path=shown, part=part) from e
    except (expat.ExpatError, AssertionError) as e:
        raise InputError("import.bad_xml", path=shown, part=part, detail=str(e)) from e


def _qualified(name: str) -> str:
    return "{" + name if "}" in name else name
