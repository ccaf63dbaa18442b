"""What reading a zip (a DOCX template, a Word document, a workbook) raises
when the zip is damaged or made with what ``zipfile`` cannot read.

``zipfile`` reports a damaged zip in several ways, not all of them
``BadZipFile``: deflated data that does not inflate is ``zlib.error``, a
checksum that does not match ``BadZipFile``, a part compressed by a method it
lacks (AES, method 99) ``NotImplementedError``, an encrypted part
``RuntimeError``, a cut file ``EOFError``. Each reader catches all of them
here, once: the render template check caught five of them, the importer one,
and a flipped byte in a deflated part was an internal error in all three.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable, Mapping

DAMAGED: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, RuntimeError,
    EOFError, OSError)


#: Parts that are XML by their name. A VML drawing (``.vml``) is XML Word and
#: Excel still write; an SVG image is XML LibreOffice reads.
XML_SUFFIXES = (".xml", ".rels", ".vml", ".svg")
CONTENT_TYPES = "[Content_Types].xml"


def xml_parts(package: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The parts of an Open XML package that are XML: by name, or by content type.

    A part may have any name when ``[Content_Types].xml`` gives it an XML type
    (``xl/worksheets/sheet1.dat`` as a worksheet, ``word/drawing.bin`` as a VML
    drawing), and Word, Excel, openpyxl and LibreOffice find parts through
    relationships, not names: such a part, checked by name alone, went through
    with its DTD and entities. ``[Content_Types].xml`` comes first, so that a
    DTD in it is refused before anything else; when it cannot be read (a DTD,
    bad XML) only the names count, and its own check says what is wrong.
    """
    infos = package.infolist()
    typed = _xml_typed(package) if any(i.filename == CONTENT_TYPES for i in infos) else None
    parts = [i for i in infos if i.filename == CONTENT_TYPES]
    for info in infos:
        name = info.filename
        if name != CONTENT_TYPES and (name.lower().endswith(XML_SUFFIXES)
                                      or (typed is not None and typed(name))):
            parts.append(info)
    return parts


class _Unread(Exception):
    pass


def _xml_typed(package: zipfile.ZipFile) -> Callable[[str], bool] | None:
    from xml.parsers import expat

    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}

    def refuse(*_: object) -> None:
        raise _Unread

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = tag.rpartition(" ")[2]  # namespace separator below
        if local == "Default":
            defaults[attrs.get("Extension", "").lower()] = attrs.get("ContentType", "")
        elif local == "Override":
            overrides[attrs.get("PartName", "").lower()] = attrs.get("ContentType", "")

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = start
    try:
        # The types of a package are a few kilobytes; a larger one is no package's.
        data = package.open(CONTENT_TYPES).read(1 << 20)
        parser.Parse(data, True)
    except (_Unread, expat.ExpatError):
        return None
    except DAMAGED:
        return None

    def typed(part: str) -> bool:
        kind = overrides.get("/" + part.lower())
        if kind is None:
            kind = defaults.get(part.rpartition(".")[2].lower(), "")
        # Without its parameters (`...+xml; charset=UTF-8`: a DTD in a part so
        # typed went into the document unchecked), which no reader minds.
        kind = kind.partition(";")[0].strip().lower()
        # `...+xml`, `application/xml`, and the VML drawing's type, which has no `xml`.
        return kind.endswith("xml") or "vmldrawing" in kind

    return typed


# The zip entries' dates come from the clock; fixed ones make equal content
# equal bytes, so a re-rendered plan (or a re-written sheet) that did not change
# shows no diff in git.
_EPOCH = (1980, 1, 1, 0, 0, 0)


def stable_zip(data: bytes, edit: Mapping[str, Callable[[bytes], bytes]] | None = None) -> bytes:
    """``data`` (a zip) rewritten with fixed timestamps and attributes, each part
    named in ``edit`` passed through its function."""
    from io import BytesIO

    source = zipfile.ZipFile(BytesIO(data))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            body = source.read(info.filename)
            if edit and info.filename in edit:
                body = edit[info.filename](body)
            target.writestr(entry, body)
    return out.getvalue()
