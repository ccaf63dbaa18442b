"""The hostile corpus: every input gives findings or one clear message, never a crash.

One row per input: the file (``inputs/``, or made at run time when large), the
exit code, the exact findings ``CODE@line`` and a text the output must
contain. Every row also asserts no traceback and a time bound (see common.py).
The binary inputs were made from tests/plans/valid/minimal.yaml: encoded as
UTF-16/32, Windows-1258 (tone marks as combining bytes) and TCVN3 (ABC).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .common import Case, big_plan, check, thidua

MINIMAL = (Path(__file__).resolve().parent.parent / "plans" / "valid" / "minimal.yaml")
MIB = 1024 * 1024


def _write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_text(text, "utf-8")
    return path


def deep_flow(tmp: Path) -> Path:
    # 100,000 nested brackets overflowed the C composer's stack (SIGSEGV).
    return _write(tmp, "deep.yaml", "version: 1\ntitle: " + "[" * 100_000 + "]" * 100_000 + "\n")


def deep_flow_mappings(tmp: Path) -> Path:
    return _write(tmp, "deep.yaml", "version: 1\ntitle: " + "{a: " * 50_000 + "1"
                  + "}" * 50_000 + "\n")


def deep_block(tmp: Path) -> Path:
    return _write(tmp, "deep.yaml", "version: 1\n" + "".join(
        " " * i + f"k{i}:\n" for i in range(2_000)))


def nested_under_the_limit(tmp: Path) -> Path:
    # 95 levels: parsed, then refused by the schema like any wrong type.
    plan = MINIMAL.read_text("utf-8")
    return _write(tmp, "plan.yaml", plan.replace(
        "theme: Thi đua", "theme: " + "[" * 95 + "]" * 95 + "\n#", 1))


def flat_list(tmp: Path) -> Path:
    # 2,000,000 values in 8 MB: under --max-bytes, over the value limit.
    return _write(tmp, "flat.yaml", "version: 1\ntasks:\n" + "- x\n" * 2_000_000)


def file_50_mb(tmp: Path) -> Path:
    # Sparse: 50 MB of size costs no disk, and reading it would cost 50 MB of memory.
    path = tmp / "huge.yaml"
    with path.open("wb") as f:
        f.truncate(50 * 1000 * 1000)
    return path


def plan_of_21_mib(tmp: Path) -> Path:
    # Over the 20 MiB default, linted with --max-bytes 22 MiB: a valid plan and
    # a long comment (the size is what is tested, not the parser's speed).
    plan = MINIMAL.read_text("utf-8")
    line = "# " + "Ghi chú " * 12 + "\n"
    return _write(tmp, "big.yaml", plan + line * (21 * MIB // len(line.encode())))


def long_line_value(tmp: Path) -> Path:
    plan = MINIMAL.read_text("utf-8")
    return _write(tmp, "plan.yaml", plan.replace(
        "theme: Thi đua hoàn thành xuất sắc nhiệm vụ", "theme: " + "Thi đua " * 12_500))


def long_line_key(tmp: Path) -> Path:
    plan = MINIMAL.read_text("utf-8")
    return _write(tmp, "plan.yaml", plan + "k" * 100_000 + ": 1\n")


def long_explicit_key(tmp: Path) -> Path:
    # YAML limits a plain key to 1024 characters; "? key" has no limit.
    plan = MINIMAL.read_text("utf-8")
    return _write(tmp, "plan.yaml", plan + "? " + "k" * 100_000 + "\n: 1\n")


def huge_integer(tmp: Path) -> Path:
    # Past Python's 4,300-digit limit for int(): stays text, reported as such.
    plan = MINIMAL.read_text("utf-8")
    return _write(tmp, "plan.yaml", plan.replace("year: 2022", "year: " + "9" * 5_000))


def tasks_20000(tmp: Path) -> Path:
    return _write(tmp, "plan-20000.yaml", big_plan(20_000))


CASES = [
    # -- not a plan at all
    Case("empty", "empty.yaml", 1, ("TD001@1",), "the file is empty"),
    Case("only comments", "only-comments.yaml", 1, ("TD001@1",), "the file is empty"),
    Case("top-level list", "top-level-list.yaml", 1, ("TD001@1",), "top level is a list"),
    Case("top-level scalar", "top-level-scalar.yaml", 1, ("TD001@1",), "top level is a text"),
    Case("NUL bytes", "nul-bytes.yaml", 1, ("TD001@3:9",), "contains NUL bytes"),
    Case("binary image", "binary-image.yaml", 1, ("TD001@3",), "binary data"),
    # -- encodings
    Case("UTF-16 LE with BOM", "utf16-le-bom.yaml", 1, ("TD001@1",), "UTF-16 LE"),
    Case("UTF-16 BE with BOM", "utf16-be-bom.yaml", 1, ("TD001@1",), "UTF-16 BE"),
    Case("UTF-16 LE without BOM", "utf16-le.yaml", 1, ("TD001@1",), "iconv -f UTF-16LE"),
    Case("UTF-16 BE without BOM", "utf16-be.yaml", 1, ("TD001@1",), "iconv -f UTF-16BE"),
    Case("UTF-32 with BOM", "utf32-le-bom.yaml", 1, ("TD001@1",), "UTF-32"),
    Case("Windows-1258", "windows-1258.yaml", 1, ("TD001@5:9",), "looks like Windows-1258"),
    Case("TCVN3", "tcvn3.yaml", 1, ("TD001@5:9",), "looks like TCVN3"),
    Case("UTF-8 with BOM", "utf8-bom.yaml", 0, (), "no problems"),
    Case("UTF-8 with BOM, positions", "utf8-bom-finding.yaml", 1, ("TD101@9:9",), "'bt'"),
    Case("invalid UTF-8 in a value", "invalid-utf8-in-value.yaml", 1, ("TD001@12:22",),
         "not UTF-8"),
    # -- YAML that hurts
    Case("tab indentation", "tabs.yaml", 1, ("TD001@7:1",), "tab is used for indentation"),
    Case("billion laughs", "billion-laughs.yaml", 1, ("TD001@6",), "alias bomb",
         seconds=5, max_rss_mb=150),
    Case("merge-key bomb", "merge-bomb.yaml", 1, ("TD001@7",), "alias bomb",
         seconds=5, max_rss_mb=150),
    Case("recursive alias", "recursive-alias.yaml", 1, ("TD001@3",), "endless structure"),
    Case("reused anchor", "reused-anchor.yaml", 1, ("TD001@4",), "first on line 3"),
    Case("two documents", "multi-document.yaml", 1, ("TD001@4",), "single document"),
    Case("list as a key", "complex-key.yaml", 1,
         ("TD001@3", *["TD002@2"] * 6), "must be plain text"),
    Case("deep flow sequences", deep_flow, 1, ("TD001@2",), "nested more than 100 levels",
         seconds=5, max_rss_mb=150),
    Case("deep flow mappings", deep_flow_mappings, 1, ("TD001@2",),
         "nested more than 100 levels", seconds=5, max_rss_mb=150),
    Case("deep block mappings", deep_block, 1, ("TD001@101",), "nested more than 100 levels",
         seconds=5, max_rss_mb=150),
    Case("nested just under the limit", nested_under_the_limit, 1, ("TD002@6",),
         "expected text, got list", seconds=5),
    Case("2,000,000 values", flat_list, 1, ("TD001@3",), "more than 1000000 values",
         seconds=60, max_rss_mb=600),
    Case("duplicate keys at several depths", "duplicate-keys.yaml", 1,
         ("TD001@6:1", "TD001@10:3", "TD001@12:37", "TD001@15:7", "TD001@23:5"),
         "duplicate key 'name' (first on line 14)"),
    Case("YAML tags", "tags.yaml", 1,
         ("TD001@4", "TD002@4", "TD001@5", "TD002@5", "TD001@7", "TD001@8", "TD001@9",
          "TD002@9", "TD001@11", "TD001@15"), "YAML tag '!!python/name:os.system'"),
    Case("anchors and merge keys", "anchors-merge.yaml", 0, (), "no problems"),
    Case("a merged value, found where written", "anchors-merge-finding.yaml", 1,
         ("TD101@20:11", "TD101@20:11"), "'bcc'"),
    # -- sizes
    Case("50 MB file", file_50_mb, 2, (), "more than the limit of 20971520 bytes",
         seconds=10, max_rss_mb=80),
    Case("21 MiB under a raised limit", plan_of_21_mib, 0, (), "no problems",
         args=("--max-bytes", str(22 * MIB)), seconds=60),
    Case("100,000-character value", long_line_value, 0, (), "no problems"),
    Case("100,000-character plain key", long_line_key, 1, ("TD001@22",),
         "could not find expected ':'"),
    Case("100,000-character explicit key", long_explicit_key, 1, ("TD002@22",),
         "unknown key 'kkkk"),
    Case("20,000 tasks", tasks_20000, 0, (), "no problems", seconds=180),
    # -- values in the wrong shape
    Case("impossible dates", "dates.yaml", 1,
         ("TD002@15", "TD002@16", "TD002@17", "TD002@18", "TD002@19", "TD002@20", "TD002@21",
          "TD002@23", "TD002@24"), "'2023-02-30' is not a real date"),
    Case("numbers for text and text for numbers", "types-swapped.yaml", 1,
         ("TD002@2", "TD002@3", "TD002@4", "TD002@5", "TD002@9", "TD002@11", "TD002@12",
          "TD002@16", "TD002@18", "TD002@20", "TD002@22"), "expected text, got integer"),
    Case("huge integer", huge_integer, 1, ("TD002@4",), "expected a whole number, got text"),
    Case("NaN and infinity", "nan-inf.yaml", 1,
         ("TD002@17", "TD002@18", "TD002@21", "TD002@22"), "expected a finite number"),
    Case("ids in every wrong shape", "bad-ids.yaml", 1,
         ("TD002@15:10", "TD002@16:10", "TD002@17:10", "TD002@18:10", "TD002@19:10",
          "TD002@20:10", "TD002@21:10", "TD002@22:10", "TD002@23:10", "TD002@24:51",
          "TD002@24:65"), "'đua' is not a valid id"),
    Case("control characters in values", "control-chars.yaml", 1,
         ("TD002@8", "TD406@8", "TD406@11", "TD002@15", "TD406@15"),
         r"'btc\x1b]0;pwned\x07\x1b[2J\n::error file=x::forged'"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hostile_input(case: Case, tmp_path: Path) -> None:
    path = case.path(tmp_path)
    # A fixed today: no plan here has an overdue task (rule TD204).
    run = thidua("lint", "--today", "2022-01-01", *case.args, str(path), cwd=tmp_path)
    check(run, case)
