"""Whether a report is the mid-year review or the year-end one, and its titles.

A report as of a day before 1 August of the plan's year covers the first half
only (the sơ kết is written in June or July); from August it is the year-end
review (tổng kết), which most blocs hold in December.
"""

from __future__ import annotations

from datetime import date
from typing import Any

MID_YEAR_UNTIL = (8, 1)  # month, day: the first day that is no longer mid-year


def is_mid_year(year: int, as_of: date) -> bool:
    return as_of < date(year, *MID_YEAR_UNTIL)


def mid_year_title(year: int, bloc: str) -> str:
    return (f"Sơ kết 6 tháng đầu năm {year} công tác thi đua, khen thưởng và phương hướng, "
            f"nhiệm vụ 6 tháng cuối năm {year} của {bloc}")


def period(year: int, as_of: date, bloc: str, next_year: bool) -> dict[str, Any]:
    """The report's ``period``: ``mid_year``, ``title`` (the summary line),
    ``part_one`` and ``part_two`` (the headings of Phần I and Phần II)."""
    if is_mid_year(year, as_of):
        return {"mid_year": True, "title": mid_year_title(year, bloc),
                "name": f"Báo cáo sơ kết 6 tháng đầu năm {year} công tác thi đua, khen thưởng",
                "part_one": f"KẾT QUẢ CÔNG TÁC THI ĐUA, KHEN THƯỞNG 6 THÁNG ĐẦU NĂM {year}",
                "part_two": f"PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM {year}"}
    follow = f" và phương hướng, nhiệm vụ năm {year + 1}" if next_year else ""
    return {"mid_year": False,
            "title": f"Tổng kết công tác thi đua, khen thưởng năm {year}{follow} của {bloc}",
            "name": f"Báo cáo tổng kết công tác thi đua, khen thưởng năm {year}",
            "part_one": f"KẾT QUẢ CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM {year}",
            "part_two": f"PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {year + 1}"}
