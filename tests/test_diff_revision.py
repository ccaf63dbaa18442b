"""How ``thidua diff`` reads its arguments into two sides (no git run here)."""

from __future__ import annotations

import pytest

from thidua_cli.diff.revision import Side, sides
from thidua_cli.errors import UsageError

from .conftest import EXAMPLE

HEX_A = "a8926a52d8dcba5c4386945476ab6a2ad008afd4"
HEX_B = "9dfc208dffa85f841e9202337485b96367a625ee"
ZERO = "0" * 40
PLAN = "plans/plan-2022.yaml"


@pytest.mark.parametrize(("args", "old", "new"), [
    ((PLAN, "tests/diffs/plan-2022-issued.yaml"),
     Side(PLAN, path=PLAN), Side("tests/diffs/plan-2022-issued.yaml",
                                 path="tests/diffs/plan-2022-issued.yaml")),
    ((f"HEAD~1:{PLAN}", PLAN), Side(f"HEAD~1:{PLAN}", rev=f"HEAD~1:{PLAN}"), Side(PLAN, path=PLAN)),
    (("-", PLAN), Side("-", path="-"), Side(PLAN, path=PLAN)),
    (("no-colon.yaml", PLAN), Side("no-colon.yaml", path="no-colon.yaml"), Side(PLAN, path=PLAN)),
    ((str(EXAMPLE),), Side(f"HEAD:{EXAMPLE}", rev="HEAD:./plan-2022.yaml",
                           cwd=str(EXAMPLE.parent)), Side(str(EXAMPLE), path=str(EXAMPLE))),
    ((PLAN, "/tmp/git-blob-x/plan.yaml", HEX_A, "100644", PLAN, ZERO, "100644"),
     Side(f"{PLAN} (a8926a5)", path="/tmp/git-blob-x/plan.yaml"), Side(PLAN, path=PLAN)),
    ((PLAN, "/dev/null", ".", ".", "/tmp/b.yaml", HEX_B, "100644"),
     Side("/dev/null", path="/dev/null"), Side(f"{PLAN} (9dfc208)", path="/tmp/b.yaml")),
    ((PLAN, "/tmp/a.yaml", HEX_A, "100644", "/tmp/b.yaml", HEX_B, "100644", "plans/new.yaml",
      "similarity index 90%\n"),
     Side(f"{PLAN} (a8926a5)", path="/tmp/a.yaml"),
     Side("plans/new.yaml (9dfc208)", path="/tmp/b.yaml")),
], ids=["two files", "revision and file", "stdin", "missing file without a colon",
        "path alone", "git seven arguments", "git, added file", "git, renamed file"])
def test_sides(args: tuple[str, ...], old: Side, new: Side) -> None:
    assert sides(args) == (old, new)


@pytest.mark.parametrize(("args", "key"), [
    ((), "diff.arguments"),
    (("a", "b", "c"), "diff.arguments"),
    (("-", "-"), "diff.stdin_twice"),
    (("-",), "diff.stdin_alone"),
    (("",), "diff.empty_side"),
    (("", PLAN), "diff.empty_side"),
    ((PLAN, ""), "diff.empty_side"),
])
def test_bad_arguments(args: tuple[str, ...], key: str) -> None:
    with pytest.raises(UsageError) as caught:
        sides(args)
    assert caught.value.key == key


def test_diff_messages_exist_in_both_languages() -> None:
    import unicodedata

    from thidua_cli.i18n import catalog

    en = {k for k in catalog("en") if k.startswith("diff.")}
    vi = {k for k in catalog("vi") if k.startswith("diff.")}
    assert en == vi
    assert all(unicodedata.is_normalized("NFC", catalog("vi")[k]) for k in vi)
