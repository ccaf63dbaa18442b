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

DAMAGED: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, RuntimeError,
    EOFError, OSError)
