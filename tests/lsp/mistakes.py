"""Each rule's mistake, made in the example plan: the table the server is driven with.

A row names the rule, the edit (text in the example → its replacement; every
occurrence), and the text the diagnostic must underline (None where the
mistake is not one key or value, such as a YAML syntax error).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .conftest import example

SCORED = """
criteria:
  - {id: tuyen-truyen, title: Công tác tuyên truyền, max_points: 10}
scores:
  lmhtxvn: {tuyen-truyen: 9}
"""
ALL_SCORED = SCORED + "".join(
    f"  {m}: {{tuyen-truyen: 8}}\n"
    for m in ("vpctn", "vpcp", "vpqh", "btc", "bnv", "bkhdt", "nhnn", "ubdt"))


@dataclass(frozen=True)
class Mistake:
    code: str
    old: str
    new: str
    underlined: str | None
    suggestion: str | None = None
    also: tuple[tuple[str, str], ...] = ()  # more edits the mistake needs

    def text(self) -> str:
        plan = example()
        for old, new in ((self.old, self.new), *self.also):
            if old == "":  # appended at the end
                plan += new
                continue
            assert old in plan, old
            plan = plan.replace(old, new)
        return plan


MISTAKES = [
    Mistake("TD001", "year: 2022", "year: [2022", None),
    Mistake("TD002", "year: 2022", 'year: "2022"', '"2022"'),
    Mistake("TD002", "    status: planned\n\n  - id: hoan-thanh",
            "    state: planned\n\n  - id: hoan-thanh", "state", "status"),
    Mistake("TD101", "head: lmhtxvn", "head: lmhtxv", "lmhtxv", "lmhtxvn"),
    Mistake("TD101", "host: bnv", "host: bnb", "bnb", "bnv"),
    Mistake("TD102", "objectives: [phoi-hop-phong-trao]\n    basis",
            "objectives: [phoi-hop-phong-trao, phoi-hop-kiem-trq]\n    basis",
            "phoi-hop-kiem-trq", "phoi-hop-kiem-tra"),
    Mistake("TD103", "[ct-34-tw, ct-07-ttg]", "[ct-34-tw, ct-07-tg]", "ct-07-tg", "ct-07-ttg"),
    Mistake("TD104", "", ALL_SCORED.replace("lmhtxvn: {tuyen-truyen: 9}",
                                             "lmhtxvn: {tuyen-truyen: 9, tuyen-truyn: 1}"),
            "tuyen-truyn", "tuyen-truyen"),
    Mistake("TD105", "- id: tap-huan", "- id: giai-the-thao", "giai-the-thao"),
    Mistake("TD106", "  head: lmhtxvn\n", "  head: lmhtxvn\n  deputies: [btc, lmhtxvn]\n",
            "lmhtxvn"),
    Mistake("TD201", "date: 2022-04-26", "date: 2023-04-26", "2023-04-26"),
    Mistake("TD202", "    date: 2014-03-19\n", "    date: 2022-05-01\n", "2022-05-01",
            also=(("  place: Hà Nội\n", "  place: Hà Nội\n  date: 2022-04-26\n"),)),
    Mistake("TD203", "  place: Hà Nội\n", "  place: Hà Nội\n  date: 2021-09-30\n",
            "2021-09-30"),
    Mistake("TD204", "    host: bnv\n    status: planned",
            "    host: bnv\n    date: 2022-05-02\n    status: planned", None),
    Mistake("TD301", "[phoi-hop-phong-trao, phoi-hop-kiem-tra]", "[phoi-hop-phong-trao]",
            None),
    Mistake("TD302", "", ALL_SCORED.replace("tuyen-truyen: 9", "tuyen-truyen: 11"), "11"),
    Mistake("TD303", "", SCORED, None),
    Mistake("TD401", "Chủ động, sáng tạo", unicodedata.normalize("NFD", "Chủ động, sáng tạo"),
            None),
    Mistake("TD402", "title: Tập huấn cho", "title: Tập huấn bổ xung cho", "bổ xung"),
    Mistake("TD403", "symbol: KH-LMHTXVN", "symbol: KH-lmhtxvn", "KH-lmhtxvn",
            "KH-LMHTXVN"),
    Mistake("TD404", "title: Giải thể thao giữa các đơn vị trong Khối",
            "title: Giải thể thao giữa các đơn vị trong Khối, Uỷ ban Dân tộc đăng cai", "Uỷ",
            "Ủy"),
    Mistake("TD405", "title: Giải thể thao giữa các đơn vị trong Khối",
            "title: Giải thể thao của Uû ban nh©n d©n", None),
    Mistake("TD406", "title: Giải thể thao giữa các đơn vị trong Khối",
            'title: "Giải thể thao \\x93giữa\\x94 các đơn vị"', "\\x93"),
    Mistake("TD900", "version: 1\n", "version: 1  # thidua: ignore[TD101]\n", None),
]
