"""Where things are in a member's scoring sheet: one place for the writer and the reader.

The visible sheet ``Tự chấm`` has a title block, a header row and one row
per criterion (sections, then their sub-criteria, in the plan's order), then
the totals. Column F, hidden, holds each row's criterion id; the very hidden
sheet ``_thidua`` holds what the import needs to trust the file: the
plan's bloc and year, the member, and the criteria tree's fingerprint.
"""

from __future__ import annotations

SHEET = "Tự chấm"
META = "_thidua"
FORMAT = "thidua-scoring-sheet-1"

HEADER_ROW = 6
FIRST_ROW = HEADER_ROW + 1
COL_NUMBER, COL_TITLE, COL_MAX, COL_SCORE, COL_NOTE, COL_ID = "A", "B", "C", "D", "E", "F"
HEADERS = ("STT", "Tiêu chí", "Điểm tối đa", "Điểm tự chấm", "Giải trình")
TOTAL_ID = "__total__"

# Keys of the hidden sheet, one a row: key in column A, value in column B.
META_KEYS = ("format", "bloc", "year", "member", "fingerprint")

FONT = "Times New Roman"
