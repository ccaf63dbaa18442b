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

import zipfile
from pathlib import Path

from ..archive import DAMAGED, xml_parts
from ..errors import InputError

#: The largest part, inflated, and all parts together: a real template with
#: its letterhead images is a few megabytes.
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_PARTS = 10_000

def check_template(path: Path) -> None:
    """Refuse, with an ``InputError``, a template too large inflated or with a DTD."""
    shown = str(path)
    try:
        with zipfile.ZipFile(path) as package:
            infos = package.infolist()
            if len(infos) > MAX_PARTS:
                raise InputError("render.docx_too_many_parts", path=shown, count=len(infos),
                                 limit=MAX_PARTS)
            total = 0
            for info in infos:
                if info.file_size > MAX_PART_BYTES:
                    raise InputError("render.docx_part_too_large", path=shown,
                                     part=info.filename, size=info.file_size,
                                     limit=MAX_PART_BYTES)
                total += info.file_size
                if total > MAX_TOTAL_BYTES:
                    raise InputError("render.docx_too_large", path=shown, size=total,
                                     limit=MAX_TOTAL_BYTES)
            # By name or by content type: a DTD in `word/vmlDrawing1.vml` went
            # into the document unchecked.
            for info in xml_parts(package):
                _check_xml(shown, info.filename, package.read(info))
    except DAMAGED as e:
        raise InputError("render.bad_docx_template", path=shown,
                         reason=f"{type(e).__name__}: {e}") from e


def _check_xml(shown: str, part: str, data: bytes) -> None:
    from lxml import etree  # type: ignore[import-untyped]

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=True)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as e:
        raise InputError("render.docx_bad_part", path=shown, part=part, detail=str(e)) from e
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise InputError("render.docx_dtd", path=shown, part=part)
    if part.lower().endswith(".rels"):
        for rel in root:
            mode = rel.get("TargetMode", "")
            if mode.lower() == "external" and not rel.get("Type", "").endswith("/hyperlink"):
                raise InputError("render.docx_external", path=shown, part=part,
                                 target=rel.get("Target", "")[:200])
