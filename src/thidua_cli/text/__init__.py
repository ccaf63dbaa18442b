"""Vietnamese text: syllables and tone marks, legacy encodings, misspellings.

Pure functions over strings, shared by the text rules (TD4xx) and ``--fix``.
Word lists and code tables are data files in ``thidua_cli/data``, read as the
Python data ``tables.py`` is generated from them.
"""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """For comparing names of bodies: NFC, one case, single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())
