"""Plans made by code: big plans for timing, and YAML text in several styles.

``big_plan(2000)`` is a valid plan with 2,000 tasks; ``to_block`` and
``to_flow`` write the same data in YAML's two styles, so tests can check that
style makes no difference to a diff.
"""

from __future__ import annotations

import json
import random
from typing import Any

MEMBERS = [
    ("vpctn", "Văn phòng Chủ tịch nước"), ("vpcp", "Văn phòng Chính phủ"),
    ("vpqh", "Văn phòng Quốc hội"), ("btc", "Bộ Tài chính"), ("bnv", "Bộ Nội vụ"),
    ("nhnn", "Ngân hàng Nhà nước Việt Nam"), ("bdttg", "Bộ Dân tộc và Tôn giáo"),
    ("lmhtxvn", "Liên minh Hợp tác xã Việt Nam"),
]
STATUSES = ["planned", "in_progress", "done", "cancelled"]
_WORDS = ["thi", "đua", "tuyên", "truyền", "hoàn", "thành", "xuất", "sắc", "nhiệm", "vụ",
          "phối", "hợp", "kiểm", "tra", "khảo", "sát", "nhân", "rộng", "điển", "hình", "tiên",
          "tiến", "sắp", "xếp", "tổ", "chức", "bộ", "máy", "cải", "cách", "hành", "chính"]


def task(i: int, rng: random.Random) -> dict[str, Any]:
    words = " ".join(rng.choice(_WORDS) for _ in range(8))
    return {
        "id": f"t{i:04d}",
        "title": f"Nhiệm vụ {i}: {words}".capitalize(),
        "details": [f"Nội dung {i}.{k}: " + " ".join(rng.choice(_WORDS) for _ in range(12))
                    for k in range(rng.randint(0, 3))] or None,
        "objectives": ["o1"],
        "lead": rng.choice(MEMBERS)[0],
        "support": sorted({rng.choice(MEMBERS)[0] for _ in range(2)}),
        "due": f"2022-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "status": rng.choice(STATUSES),
    }


def big_plan(tasks: int, seed: int = 0) -> dict[str, Any]:
    rng = random.Random(seed)
    return {
        "version": 1,
        "year": 2022,
        "title": "Tổ chức phong trào thi đua, khen thưởng năm 2022",
        "theme": "Thi đua hoàn thành xuất sắc nhiệm vụ",
        "bloc": {"name": "Khối thi đua các bộ, ngành tổng hợp", "head": "lmhtxvn",
                 "members": [{"id": i, "name": n} for i, n in MEMBERS]},
        "objectives": [{"id": "o1", "text": "Hoàn thành xuất sắc nhiệm vụ năm 2022."}],
        "tasks": [_strip(task(i, rng)) for i in range(tasks)],
    }


def edit_fraction(plan: dict[str, Any], fraction: float, seed: int = 1) -> dict[str, Any]:
    """A copy of ``plan`` with ``fraction`` of its tasks changed, added or removed."""
    rng = random.Random(seed)
    new = json.loads(json.dumps(plan))
    tasks: list[dict[str, Any]] = new["tasks"]
    count = max(1, int(len(tasks) * fraction))
    for n, index in enumerate(sorted(rng.sample(range(len(tasks))[:-count], count))):
        kind = n % 4
        if kind == 0:
            tasks[index]["status"] = "done"
            tasks[index]["result"] = "Đã hoàn thành."
        elif kind == 1:
            tasks[index]["due"] = "30/12/2022"
        elif kind == 2:
            tasks[index]["title"] += " (sửa)"
        else:
            tasks[index]["support"] = [*tasks[index]["support"], "bnv"]
    del tasks[-count // 2:]
    tasks.extend(_strip(task(10_000 + k, rng)) for k in range(count // 2))
    return new


def _strip(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if v is not None}


def to_block(data: Any) -> str:
    """Block-style YAML, strings double-quoted (JSON strings are YAML strings)."""
    lines: list[str] = []
    _block(data, 0, lines)
    return "\n".join(lines) + "\n"


def _block(data: Any, indent: int, out: list[str]) -> None:
    pad = " " * indent
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, dict | list) and value:
                out.append(f"{pad}{key}:")
                _block(value, indent + 2, out)
            else:
                out.append(f"{pad}{key}: {_scalar(value)}")
    else:
        for item in data:
            if isinstance(item, dict | list) and item:
                sub: list[str] = []
                _block(item, indent + 2, sub)
                out.append(f"{pad}- {sub[0].lstrip()}")
                out.extend(sub[1:])
            else:
                out.append(f"{pad}- {_scalar(item)}")


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, dict | list):
        return "{}" if isinstance(value, dict) else "[]"
    return json.dumps(value, ensure_ascii=False)


def to_flow(data: Any) -> str:
    """The whole document in flow style (JSON is YAML)."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
