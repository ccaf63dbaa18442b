"""What a file must be before openpyxl opens it: an ``.xlsx`` of sane size.

openpyxl reads any zip it is given; a file from outside (e-mail, a shared
drive) may be the old binary ``.xls``, a macro workbook, a password-protected
workbook (an encrypted OLE container, not a zip), a damaged download or a
zip bomb. Each gets its own message and exit 2 before any parsing, bounded
like the plan loader: at most ``MAX_BYTES`` on disk, ``MAX_UNPACKED`` unpacked
and ``MAX_RATIO`` between the two. A device or pipe is refused before it is
opened as a zip (``zipfile`` reads ``/dev/zero`` to the end, which never comes).
Then every XML part is parsed once by expat with a DTD refused, as a DOCX is
on import: Excel never writes one, a billion-laughs DTD would cost memory
until expat's own limit (and all of it on an older expat), and damaged XML is
found here, before openpyxl parses parts lazily, cell by cell. The same pass
holds a cell's stored number to the form spreadsheets write (``_CellValues``).
"""

from __future__ import annotations

import re
import stat
import zipfile
from pathlib import Path

from ..archive import DAMAGED, xml_parts
from ..errors import InputError

MAX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 10_000
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_file(path: Path) -> None:
    """Raise ``InputError`` unless ``path`` looks like a workbook openpyxl may read."""
    shown = str(path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise InputError("sheets.xls", path=shown)
    if suffix in (".xlsm", ".xltm", ".xlsb"):
        raise InputError("sheets.macro", path=shown, suffix=suffix)
    try:
        st = path.stat()
        size, mode = st.st_size, st.st_mode
        if not stat.S_ISREG(mode):  # a FIFO would block the open below
            raise InputError("input.not_a_file", path=shown)
        with path.open("rb") as f:
            head = f.read(8)
    except FileNotFoundError:
        raise InputError("usage.no_such_path", path=shown) from None
    except OSError as e:
        raise InputError("sheets.unreadable", path=shown, reason=e.strerror or str(e)) from e
    if size > MAX_BYTES:
        raise InputError("sheets.too_large", path=shown, size=_mb(size), limit=_mb(MAX_BYTES))
    if head == OLE:
        # Excel's password protection and the old .xls both are OLE containers.
        raise InputError("sheets.encrypted", path=shown)
    if suffix != ".xlsx":
        raise InputError("sheets.not_xlsx", path=shown)
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if len(infos) > MAX_MEMBERS:
                raise InputError("sheets.bomb", path=shown)
            unpacked = sum(i.file_size for i in infos)
            if unpacked > MAX_UNPACKED or unpacked > MAX_RATIO * max(size, 1) + 1024 * 1024:
                raise InputError("sheets.bomb", path=shown)
            names = {i.filename for i in infos}
            if "xl/vbaProject.bin" in names:
                raise InputError("sheets.macro", path=shown, suffix=suffix)
            if "xl/workbook.xml" not in names:
                raise InputError("sheets.corrupt", path=shown)
            # By name or by content type: a worksheet named `sheet1.dat` is read
            # by openpyxl all the same, and its DTD went through unchecked.
            for info in xml_parts(z):
                _check_xml(z, info, shown)
    except DAMAGED as e:
        raise InputError("sheets.corrupt", path=shown) from e


class _Refused(Exception):
    pass


def _check_xml(z: zipfile.ZipFile, info: zipfile.ZipInfo, shown: str) -> None:
    """Parse one part, streamed, with every DTD and entity declaration refused."""
    from xml.parsers import expat

    def refuse(*_: object) -> int:
        raise _Refused

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    cells = _CellValues()
    parser.StartElementHandler = cells.start
    parser.EndElementHandler = cells.end
    parser.CharacterDataHandler = cells.text
    parser.buffer_text = True
    try:
        with z.open(info) as stream:
            while chunk := stream.read(1 << 20):
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _Refused:
        raise InputError("sheets.dtd", path=shown, part=info.filename) from None
    except _NotANumber as e:
        value = e.value if len(e.value) <= 40 else e.value[:39] + "…"
        raise InputError("sheets.bad_number", path=shown, part=info.filename, cell=e.cell,
                         value=value) from None
    except expat.ExpatError as e:
        raise InputError("sheets.bad_xml", path=shown, part=info.filename,
                         detail=str(e)) from None


# What a cell's <v> holds for its type, as Excel and LibreOffice write it: a number
# in xsd:double's form, in ASCII digits; a shared string's index; a boolean's 0 or 1.
# openpyxl reads a number with Python's int() or float(), which take much more:
# `2_8`, Arabic-Indic `٢٨` and full-width `２８` were each imported as 28, where
# LibreOffice shows the member 2, 0 and 0: the plan held a score the sheet did not.
_NUMBER = re.compile(r"[ \t\r\n]*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?[ \t\r\n]*")
_INDEX = re.compile(r"[ \t\r\n]*[0-9]+[ \t\r\n]*")
_FORMS = {"n": _NUMBER, "s": _INDEX, "b": _INDEX}


class _NotANumber(Exception):
    def __init__(self, cell: str, value: str) -> None:
        self.cell, self.value = cell, value


class _CellValues:
    """Checks each ``<c><v>`` of a worksheet against its type's form (``_FORMS``)."""

    def __init__(self) -> None:
        self.form: re.Pattern[str] | None = None  # inside a <c> whose type has a form
        self.cell = ""
        self.reading = False
        self.value: list[str] = []

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition(":")[2]
        if local == "c":
            self.form = _FORMS.get(attrs.get("t", "n"))
            self.cell = attrs.get("r", "")
        elif local == "v" and self.form is not None:
            self.reading, self.value = True, []

    def text(self, data: str) -> None:
        if self.reading:
            self.value.append(data)

    def end(self, name: str) -> None:
        local = name.rpartition(":")[2]
        if local == "c":
            self.form = None
        elif local == "v" and self.reading:
            self.reading = False
            value = "".join(self.value)
            # An empty one is no value (a formula not yet calculated), as openpyxl reads it.
            if value and self.form is not None and not self.form.fullmatch(value):
                raise _NotANumber(self.cell, value)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"
