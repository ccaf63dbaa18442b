"""Deterministic benchmark inputs: plans of format v1 that lint clean.

``write_inputs(root)`` makes the three inputs of the lint benchmark:

- ``example/plan-2022.yaml``: a copy of the repository's example plan (10 KB);
- ``big/plan-2000.yaml``: one plan with 2,000 tasks and 60 members (about 850 KB),
  and ``big/plan-2000-edited.yaml``, the same with 5% of its tasks changed (for diff);
- ``many/plan-NNNN.yaml``: 1,000 small plans (5-9 KB each) in one folder;
- ``big/plan-2000-nfd.yaml``: the big plan in Unicode NFD (decomposed tone
  marks, as some editors save), every Vietnamese value a fix for ``--fix``;
- ``huge/plan-20000.yaml``: one plan with 20,000 tasks (about 8 MB), for
  ``new --from``, written when ``huge_tasks`` is given.

The same arguments give the same bytes on every machine (a seeded
``random.Random``, no clock, no hash order), so timings from two runs are
timings of the same work. Standard library only: the bench must run before
anything else works.

    python bench/generate.py OUT [--files N] [--tasks N]
"""

from __future__ import annotations

import argparse
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "plans" / "plan-2022.yaml"
# The example plan at year end, with the meeting, votes and representatives the
# other kinds of document need (render --doc KIND).
EXAMPLE_VOTES = ROOT / "tests" / "plans" / "documents" / "plan-2022-votes.yaml"

_BODIES = [
    ("Bộ Tài chính", "BTC"), ("Bộ Nội vụ", "BNV"), ("Bộ Kế hoạch và Đầu tư", "BKHĐT"),
    ("Ngân hàng Nhà nước Việt Nam", "NHNN"), ("Ủy ban Dân tộc", "UBDT"),
    ("Văn phòng Chính phủ", "VPCP"), ("Văn phòng Quốc hội", "VPQH"),
    ("Văn phòng Chủ tịch nước", "VPCTN"), ("Liên minh Hợp tác xã Việt Nam", "LMHTXVN"),
    ("Bộ Tư pháp", "BTP"), ("Bộ Công Thương", "BCT"), ("Bộ Xây dựng", "BXD"),
    ("Bộ Giao thông vận tải", "BGTVT"), ("Bộ Y tế", "BYT"), ("Bộ Giáo dục và Đào tạo", "BGDĐT"),
    ("Bộ Khoa học và Công nghệ", "BKHCN"), ("Bộ Văn hóa, Thể thao và Du lịch", "BVHTTDL"),
    ("Bộ Tài nguyên và Môi trường", "BTNMT"), ("Thanh tra Chính phủ", "TTCP"),
    ("Kiểm toán Nhà nước", "KTNN"), ("Bảo hiểm xã hội Việt Nam", "BHXH"),
    ("Thông tấn xã Việt Nam", "TTXVN"), ("Đài Tiếng nói Việt Nam", "VOV"),
    ("Đài Truyền hình Việt Nam", "VTV"),
]
_VERBS = ["Đẩy mạnh", "Tổ chức", "Triển khai", "Tăng cường", "Nâng cao", "Phối hợp",
          "Tập trung", "Hoàn thiện", "Tiếp tục thực hiện", "Nghiên cứu, đề xuất"]
_OBJECTS = ["công tác tuyên truyền về phong trào thi đua yêu nước",
            "chất lượng tham mưu, tổng hợp, phục vụ",
            "cải cách hành chính, chuyển đổi số trong cơ quan",
            "công tác thi đua, khen thưởng của Khối",
            "việc phát hiện, bồi dưỡng và nhân rộng điển hình tiên tiến",
            "kỷ luật, kỷ cương hành chính",
            "hoạt động kiểm tra, khảo sát, trao đổi kinh nghiệm",
            "các phong trào thi đua chuyên đề",
            "việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
            "xây dựng tổ chức Đảng trong sạch, vững mạnh"]
_TAILS = ["năm {year}", "giai đoạn 2021 - 2025", "trong toàn Khối", "tại các đơn vị thành viên",
          "gắn với nhiệm vụ chính trị của từng đơn vị", "theo kế hoạch của Khối"]
_SENTENCES = [
    "Các thành viên xây dựng kế hoạch cụ thể và báo cáo kết quả về đơn vị Trưởng khối.",
    "Gắn kết quả thực hiện với việc bình xét thi đua cuối năm.",
    "Phát huy vai trò của người đứng đầu cơ quan, đơn vị trong chỉ đạo thực hiện.",
    "Kịp thời biểu dương, khen thưởng các tập thể, cá nhân có thành tích xuất sắc.",
    "Định kỳ sơ kết, rút kinh nghiệm và đề xuất giải pháp trong quý tiếp theo.",
    "Thông tin trên cổng thông tin điện tử của các đơn vị thành viên.",
]
_STATUSES = ["planned", "planned", "in_progress", "done"]


@dataclass(frozen=True)
class Inputs:
    """Where the generated inputs are."""

    example: Path
    big: Path
    big_edited: Path
    many: Path
    files: int
    scoring: Path  # 60 members, a criteria tree, no scores yet
    big_nfd: Path | None = None
    huge: Path | None = None
    votes: Path | None = None


def _date(rng: random.Random, year: int, vietnamese: bool) -> str:
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    return f"{day}/{month}/{year}" if vietnamese else f"{year}-{month:02d}-{day:02d}"


def _title(rng: random.Random, year: int) -> str:
    tail = rng.choice(_TAILS).format(year=year)
    return f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {tail}"


def plan_text(seed: int, *, year: int = 2024, tasks: int = 12, members: int = 8,
              events: int = 4, criteria: int = 5) -> str:
    """One valid plan as YAML text; the same arguments give the same text."""
    rng = random.Random(seed)
    bodies = rng.sample(_BODIES, k=min(members, len(_BODIES)))
    bodies += [(f"Đơn vị thành viên số {k}", f"DV{k}") for k in range(len(bodies), members)]
    ids = [short.lower().replace("đ", "d") for _, short in bodies]
    objectives = [f"muc-tieu-{i + 1}" for i in range(max(2, tasks // 200 + 2))]
    bases = [f"can-cu-{i + 1}" for i in range(4)]
    out = [
        f"# Generated benchmark plan (seed {seed}, {tasks} tasks).",
        "version: 1",
        f"year: {year}",
        f"title: Tổ chức phong trào thi đua, khen thưởng năm {year} của Khối thi đua số {seed}",
        "theme: Đoàn kết, sáng tạo, thi đua hoàn thành xuất sắc nhiệm vụ",
        "",
        "document:",
        f"  issuer: {bodies[0][0].upper()}",
        f"  number: {rng.randint(1, 300)}",
        f"  symbol: KH-{bodies[0][1]}",
        "  place: Hà Nội",
        f"  date: {year}-0{rng.randint(1, 3)}-{rng.randint(10, 28)}",
        "  signer: {authority: KT. BỘ TRƯỞNG, position: THỨ TRƯỞNG, name: Nguyễn Văn An}",
        "  recipients:",
        *(f"    - {name}" for name, _ in bodies[1:]),
        '    - "Lưu: VT, TĐKT"',
        "",
        "bloc:",
        f"  name: Khối thi đua số {seed}",
        f"  head: {ids[0]}",
        f"  deputies: [{ids[1]}]",
        "  members:",
    ]
    for (name, short), id_ in zip(bodies, ids, strict=True):
        out += [f"    - id: {id_}", f"      name: {name}", f"      short_name: {short}"]
    out += ["", "basis:"]
    for i, basis in enumerate(bases):
        out += [f"  - id: {basis}", f"    number: {i + 10}/CT-TTg",
                f"    date: {_date(rng, year - 1 - i, vietnamese=i % 2 == 0)}",
                "    issuer: Thủ tướng Chính phủ",
                f"    title: về việc {rng.choice(_OBJECTS)}"]
    out += ["", "objectives:"]
    for objective in objectives:
        out += [f"  - id: {objective}", "    text: >-",
                f"      {rng.choice(_SENTENCES)} {rng.choice(_SENTENCES)}"]
    out += ["", "tasks:"]
    for i in range(tasks):
        out += [f"  - id: nhiem-vu-{i + 1}", f"    title: {_title(rng, year)}"]
        if i % 3 == 0:
            out += ["    details:", *(f"      - {s}" for s in rng.sample(_SENTENCES, k=2))]
        elif i % 3 == 1:
            out += [f"    details: >-\n      {rng.choice(_SENTENCES)}"]
        # Every objective is served by some task (no TD301 warning).
        serves = {objectives[i % len(objectives)], rng.choice(objectives)}
        lead = rng.choice([*ids, "all"])
        out += [f"    objectives: [{', '.join(sorted(serves))}]",
                f"    basis: [{rng.choice(bases)}]",
                f"    lead: {lead}",
                # The lead is not also among the supporting members (no TD109 warning).
                f"    support: [{', '.join(rng.sample([m for m in ids if m != lead], k=2))}]",
                f"    due: {_date(rng, year, vietnamese=i % 2 == 1)}",
                f"    status: {rng.choice(_STATUSES)}"]
    out += ["", "events:"]
    for i in range(events):
        when = (f"date: {_date(rng, year, vietnamese=True)}" if i % 2 == 0
                else f"month: {rng.randint(1, 12)}/{year}")
        out += [f"  - id: hoat-dong-{i + 1}", f"    title: {_title(rng, year)}", f"    {when}",
                f"    host: {rng.choice(ids)}", "    place: Hà Nội"]
    out += ["", "criteria:"]
    for i in range(criteria):
        out += [f"  - id: tieu-chi-{i + 1}", f"    title: {rng.choice(_OBJECTS)}",
                "    max_points: 20"]
    out += ["", "scores:"]
    totals = {}
    for id_ in ids:
        drawn = [rng.randint(10, 20) for _ in range(criteria)]
        totals[id_] = sum(drawn)
        points = ", ".join(f"tieu-chi-{i + 1}: {p}" for i, p in enumerate(drawn))
        out += [f"  {id_}: {{{points}}}"]
    # The flag goes to the member that leads the ranking (TD606 would warn otherwise).
    leader = max(ids, key=lambda m: totals[m])
    out += ["", "awards:",
            f"  - {{title: Cờ thi đua của Chính phủ, members: [{leader}]}}",
            f"  - {{title: Bằng khen của Thủ tướng Chính phủ, members: [{', '.join(ids[1:3])}]}}",
            ""]
    return "\n".join(out)


# A bloc's scoring table: three levels, a bonus section with a cap, a penalty section.
SCORING_TREE = """criteria:
  - id: nhiem-vu
    title: Thực hiện nhiệm vụ chính trị được giao
    children:
      - id: chuyen-mon
        title: Nhiệm vụ chuyên môn
        children:
          - {id: ke-hoach, title: Hoàn thành kế hoạch năm, max_points: 30}
          - {id: chat-luong, title: Chất lượng tham mưu, max_points: 10.5}
          - {id: dung-han, title: Hoàn thành đúng hạn, max_points: 9.5}
      - {id: cai-cach, title: Cải cách hành chính, max_points: 10}
  - id: phong-trao
    title: Công tác thi đua, khen thưởng
    children:
      - {id: phat-dong, title: Tổ chức phát động phong trào, max_points: 15}
      - {id: dien-hinh, title: Phát hiện và nhân rộng điển hình, max_points: 10}
      - {id: khoi, title: Tham gia hoạt động chung của Khối, max_points: 15}
  - id: thuong
    title: Điểm thưởng
    kind: bonus
    max_points: 5
    children:
      - {id: sang-kien, title: Sáng kiến được công nhận, max_points: 3}
      - {id: dot-xuat, title: Được khen thưởng đột xuất, max_points: 3}
  - id: tru
    title: Điểm trừ
    kind: penalty
    max_points: 10
    children:
      - {id: cham-bao-cao, title: Chậm gửi báo cáo, max_points: 5}
      - {id: vi-pham, title: Vi phạm kỷ luật, max_points: 10}
"""


def scoring_plan_text(members: int = 60) -> str:
    """A plan of ``members`` members with the criteria tree above and no scores yet."""
    text = plan_text(7, tasks=12, members=members, events=4, criteria=0)
    return text[:text.index("\ncriteria:") + 1] + SCORING_TREE


def edited(text: str, every: int = 20) -> str:
    """``text`` with one task in ``every`` retitled and marked done."""
    lines = text.split("\n")
    task, todo = -1, set[str]()
    for i, line in enumerate(lines):
        if line.startswith("  - id: nhiem-vu-"):
            task += 1
            todo = {"title", "status"} if task % every == 0 else set()
        elif "title" in todo and line.startswith("    title: "):
            lines[i] = line + " (điều chỉnh)"
            todo.discard("title")
        elif "status" in todo and line.startswith("    status: "):
            lines[i] = "    status: done"
            todo.discard("status")
    return "\n".join(lines)


def write_inputs(root: Path, *, files: int = 1000, big_tasks: int = 2000,
                 huge_tasks: int = 0) -> Inputs:
    """Write the benchmark inputs under ``root`` (which must exist)."""
    import unicodedata

    example = root / "example" / EXAMPLE.name
    example.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(EXAMPLE, example)
    votes = root / "votes" / EXAMPLE_VOTES.name
    votes.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(EXAMPLE_VOTES, votes)

    big = root / "big" / f"plan-{big_tasks}.yaml"
    big.parent.mkdir(parents=True, exist_ok=True)
    text = plan_text(0, tasks=big_tasks, members=60, events=60, criteria=10)
    big.write_text(text, encoding="utf-8")
    big_edited = big.with_name(f"plan-{big_tasks}-edited.yaml")
    big_edited.write_text(edited(text), encoding="utf-8")
    big_nfd = big.with_name(f"plan-{big_tasks}-nfd.yaml")
    big_nfd.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")

    many = root / "many"
    many.mkdir(parents=True, exist_ok=True)
    for i in range(files):
        rng = random.Random(i)
        text = plan_text(i + 1, year=2020 + i % 6, tasks=rng.randint(8, 16),
                         members=rng.randint(6, 12), events=rng.randint(2, 6))
        (many / f"plan-{i + 1:04d}.yaml").write_text(text, encoding="utf-8")
    scoring = root / "scoring" / "plan-60-members.yaml"
    scoring.parent.mkdir(parents=True, exist_ok=True)
    scoring.write_text(scoring_plan_text(60), encoding="utf-8")
    huge = None
    if huge_tasks:
        huge = root / "huge" / f"plan-{huge_tasks}.yaml"
        huge.parent.mkdir(parents=True, exist_ok=True)
        huge.write_text(plan_text(0, tasks=huge_tasks, members=60, events=60, criteria=10),
                        encoding="utf-8")
    return Inputs(example, big, big_edited, many, files, scoring, big_nfd, huge, votes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the inputs into")
    parser.add_argument("--files", type=int, default=1000, help="number of small plans")
    parser.add_argument("--tasks", type=int, default=2000, help="tasks in the big plan")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    inputs = write_inputs(args.out, files=args.files, big_tasks=args.tasks)
    print(f"{inputs.example}\n{inputs.big}\n{inputs.many}/ ({inputs.files} files)")


if __name__ == "__main__":
    main()
