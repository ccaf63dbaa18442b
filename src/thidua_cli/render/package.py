"""A DOCX template's package (its zip), checked before Word's parts are read.

A template may come from anyone's folder, and a zip says how large its parts
are only when asked: a 3 MB template whose image inflates to 3 GiB took 56 s
and 9.5 GB before this. So the declared sizes are bounded, one part and all
together, before anything is inflated (``zipfile`` never inflates a part past
its declared size, and a part that lies about it fails its checksum). Then
every XML part is parsed with a DTD and entities refused, as ``document.xml``
is when rendered: Word never writes a DTD, and LibreOffice refuses a document
that has one. A relationship to something outside the package (an image at
``file:///home/...``, an attached template on a server) is refused too, but
for hyperlinks: LibreOffice fetches such a target when it converts to PDF, and
embeds a linked image in the PDF, so a template could read a file outside its
folder, or call a server, through the document it makes.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from ..archive import DAMAGED, xml_parts
from ..errors import InputError

#: The largest part, inflated, and all parts together: a real template with
#: its letterhead images is a few megabytes.
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_PARTS = 10_000

#: How deep packages may hold packages (an ``altChunk``'s ``.docx``, an
#: embedded workbook's ``.xlsx``); the template itself is the first.
MAX_NESTING = 3
_ZIP_MAGIC = b"PK\x03\x04"


def check_template(path: Path) -> None:
    """Refuse, with an ``InputError``, a template too large inflated or with a DTD."""
    shown = str(path)
    try:
        with zipfile.ZipFile(path) as package:
            _check_package(package, shown, "", [0], 1)
    except DAMAGED as e:
        raise InputError("render.bad_docx_template", path=shown,
                         reason=f"{type(e).__name__}: {e}") from e


def _check_package(package: zipfile.ZipFile, shown: str, prefix: str, total: list[int],
                   depth: int) -> None:
    """Check one package, ``depth`` deep; ``prefix`` names the part that holds it
    (``word/chunk.docx!``).

    A part that is itself a package is checked the same way: LibreOffice reads
    the ``.docx`` of an ``altChunk`` into the document, and its external image
    (``file:///…``) went into the PDF, the template's own parts being clean.
    ``total`` counts the inflated bytes of every level together.
    """
    infos = package.infolist()
    if len(infos) > MAX_PARTS:
        raise InputError("render.docx_too_many_parts", path=shown, count=len(infos),
                         limit=MAX_PARTS)
    for info in infos:
        if info.file_size > MAX_PART_BYTES:
            raise InputError("render.docx_part_too_large", path=shown,
                             part=prefix + info.filename, size=info.file_size,
                             limit=MAX_PART_BYTES)
        total[0] += info.file_size
        if total[0] > MAX_TOTAL_BYTES:
            raise InputError("render.docx_too_large", path=shown, size=total[0],
                             limit=MAX_TOTAL_BYTES)
    # By name or by content type: a DTD in `word/vmlDrawing1.vml` went
    # into the document unchecked. Relationships first, so that each
    # part is checked knowing its outside hyperlinks.
    xml = xml_parts(package)
    parts = sorted(xml, key=lambda i: not _is_rels(i.filename))
    hyperlinks: dict[str, dict[str, str]] = {}
    for info in parts:
        found = _check_xml(shown, prefix + info.filename, package.read(info),
                           hyperlinks.get(info.filename.lower(), {}))
        if found:
            hyperlinks[_source_of(info.filename).lower()] = found
    checked = {i.filename for i in xml}
    for info in infos:
        if info.filename in checked or info.is_dir():
            continue
        with package.open(info) as part:
            head = part.read(_SNIFF)
        if head.startswith(_GZIP_MAGIC):
            # A gzipped SVG (`.svgz`, whatever its name): LibreOffice inflates it and
            # put the file:///… picture it named in the PDF, as from a plain SVG.
            inflated = _gunzip(shown, prefix + info.filename, package.read(info), total)
            if inflated.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
                _check_xml(shown, prefix + info.filename, inflated, {}, sniffed=True)
            continue
        if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            # XML under another name and type (`word/media/x.png` holding an SVG):
            # LibreOffice knows a picture by what it holds, not by its name.
            _check_xml(shown, prefix + info.filename, package.read(info), {}, sniffed=True)
            continue
        if not head.startswith(_ZIP_MAGIC):
            continue
        inner = prefix + info.filename
        if depth >= MAX_NESTING:
            raise InputError("render.bad_docx_template", path=shown,
                             reason=f"{inner} holds packages more than {MAX_NESTING} deep")
        with zipfile.ZipFile(io.BytesIO(package.read(info))) as nested:
            _check_package(nested, shown, inner + "!", total, depth + 1)


_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_RELID = "{urn:schemas-microsoft-com:office:office}relid"  # VML's reference
#: The elements that may refer to a hyperlink: a link's text, a shape's click.
_LINKING = {"hyperlink", "hlinkClick", "hlinkHover", "hlinkMouseOver"}


def _is_rels(part: str) -> bool:
    return part.lower().endswith(".rels")


def _source_of(rels: str) -> str:
    """``word/_rels/document.xml.rels`` → ``word/document.xml``, the part it belongs to."""
    folder, _, name = rels.rpartition("_rels/")
    return folder + name[: -len(".rels")]


def out_of_memory(e: Exception) -> bool:
    """Whether lxml's parse failed for want of memory (``ulimit -v``): it says
    only "unknown error", which was reported as the template's own (a part, or
    the document it produced, "not well-formed XML"), and a part that is XML
    by its first bytes only was passed over unchecked."""
    log = getattr(e, "error_log", None) or ()
    return any(getattr(entry, "type_name", "") == "ERR_NO_MEMORY" for entry in log)


def _check_xml(shown: str, part: str, data: bytes, hyperlinks: dict[str, str],
               sniffed: bool = False) -> dict[str, str]:
    """Refuse a DTD, or a link outside; return a ``.rels`` part's outside hyperlinks.

    ``sniffed``: a part that is XML by its first bytes only, not by its name or type.

    ``hyperlinks`` (id → target) are the part's own, from its ``.rels``: only
    a hyperlink element may use one. A picture naming one (``<a:blip
    r:link="rIdH"/>``) made LibreOffice embed the file it points at, a
    ``file:///`` image from anywhere, in the PDF.
    """
    from lxml import etree  # type: ignore[import-untyped]

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=True)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as e:
        if out_of_memory(e):  # not the part's fault, nor a part to pass over unchecked
            raise MemoryError from e
        if sniffed:  # no XML after all (an altChunk's HTML): nothing reads it as a picture
            return {}
        raise InputError("render.docx_bad_part", path=shown, part=part, detail=str(e)) from e
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise InputError("render.docx_dtd", path=shown, part=part)
    if _is_rels(part):
        found: dict[str, str] = {}
        for rel in root:
            if rel.get("TargetMode", "").lower() != "external":
                continue
            if not rel.get("Type", "").endswith("/hyperlink"):
                raise InputError("render.docx_external", path=shown, part=part,
                                 target=rel.get("Target", "")[:200])
            found[rel.get("Id", "")] = rel.get("Target", "")
        return found
    outside = _svg_outside(root)
    if outside is not None:
        raise InputError("render.docx_svg_outside", path=shown, part=part,
                         target=outside[:200])
    if hyperlinks:
        for element in root.iter():
            if not isinstance(element.tag, str) or etree.QName(element).localname in _LINKING:
                continue
            for name, value in element.attrib.items():
                if (name.startswith(_REL_NS) or name == _RELID) and value in hyperlinks:
                    raise InputError("render.docx_external", path=shown, part=part,
                                     target=hyperlinks[value][:200])
    return {}


_SNIFF = 512
_GZIP_MAGIC = b"\x1f\x8b"


def _gunzip(shown: str, part: str, data: bytes, total: list[int]) -> bytes:
    """``data`` inflated, held to a part's bound and counted in the template's total."""
    import zlib

    inflater = zlib.decompressobj(wbits=31)
    try:
        inner = inflater.decompress(data, MAX_PART_BYTES + 1)
    except zlib.error:
        return b""  # no gzip after all: nothing reads it as a picture either
    if len(inner) > MAX_PART_BYTES:
        raise InputError("render.docx_part_too_large", path=shown, part=part,
                         size=f"more than {MAX_PART_BYTES}", limit=MAX_PART_BYTES)
    total[0] += len(inner)
    if total[0] > MAX_TOTAL_BYTES:
        raise InputError("render.docx_too_large", path=shown, size=total[0],
                         limit=MAX_TOTAL_BYTES)
    return inner
_SVG = "{http://www.w3.org/2000/svg}"
_URL = re.compile(r"""url\(\s*['"]?\s*([^'")\s]*)""", re.I)


def _svg_outside(root: Any) -> str | None:
    """What an SVG picture refers to outside itself, if anything: an ``href`` (an
    ``<image>``, ``<use>``, ``<feImage>``) or a CSS ``url(...)``/``@import`` that is no
    ``#fragment`` or ``data:`` of its own, or an ``xml-stylesheet``. LibreOffice put the
    ``file:///…`` picture of an ``<image xlink:href>`` in the PDF: a template read a file
    outside its folder into the document (and would fetch an ``http://`` one)."""
    from lxml import etree

    for node in root.itersiblings(preceding=True):
        if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-stylesheet":
            return str(node.text or "xml-stylesheet")
    for element in root.iter():
        if not isinstance(element.tag, str) or not element.tag.startswith(_SVG):
            continue
        for name, value in element.attrib.items():
            if etree.QName(name).localname == "href" and not _own(value):
                return str(value)
            if "url(" in value.lower() and _outside_url(value):
                return str(value)
        text = element.text or ""
        if etree.QName(element).localname == "style" and (
                "@import" in text.lower() or _outside_url(text)):
            return text.strip()
    return None


def _own(reference: str) -> bool:
    return reference.strip().lower().startswith(("#", "data:"))


def _outside_url(text: str) -> bool:
    return any(not _own(m.group(1)) for m in _URL.finditer(text))
