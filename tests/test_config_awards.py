"""``[awards."<title>"]`` in the configuration: a bloc's own thresholds and quotas."""

from __future__ import annotations

from pathlib import Path

import pytest

from thidua_cli.config import load
from thidua_cli.errors import ConfigError
from thidua_cli.gate import lint_options
from thidua_cli.i18n import t
from thidua_cli.votes.thresholds import rule_for


def write(path: Path, text: str) -> Path:
    path.write_text(text, "utf-8")
    return path


def test_awards_table_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / ".thidua.toml", '[awards."Cờ thi đua của Chính phủ"]\n'
                                            'threshold = 90\nquota = 2\n')
    assert load(path).awards == {"Cờ thi đua của Chính phủ": {"threshold": 90, "quota": 2}}
    rules = lint_options(lang="en", config=path).awards
    assert rules is not None
    flag = rule_for("Cờ thi đua của Chính phủ", rules)
    assert flag is not None and (flag.threshold, flag.quota) == (90, 2)
    assert flag.source == str(path)  # outside the working folder: the path as given


def test_in_pyproject(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", '[tool.thidua.awards."Bằng khen"]\n'
                                              'threshold = 60\nof = "votes"\n')
    assert load(path).awards == {"Bằng khen": {"threshold": 60, "of": "votes"}}


def test_without_awards_the_shipped_rules_apply(tmp_path: Path) -> None:
    path = write(tmp_path / ".thidua.toml", 'ignore = ["TD301"]\n')
    assert lint_options(lang="en", config=path).awards is None


@pytest.mark.parametrize(("text", "line", "message"), [
    ('awards = 1\n', 1, "'awards' must be a table"),
    ('[awards."Cờ"]\nthreshold = 0\n', 2, 'threshold is 0; write a percentage above 0'),
    ('[awards."Cờ"]\nthreshold = 120\n', 2, "threshold is 120"),
    ('[awards."Cờ"]\nthreshold = "80%"\n', 2, "threshold is 80%"),
    ('[awards."Cờ"]\nquota = 1.5\n', 2, "quota is 1.5; write a whole number"),
    ('[awards."Cờ"]\nof = "present"\n', 2, 'of is present; write "members"'),
    ('[awards."Cờ"]\nleads = "yes"\n', 2, "leads is yes; write true or false"),
    ('[awards."Cờ"]\n\nthreshhold = 80\n', 3, "unknown key 'threshhold'"),
    ('[awards."Cờ"]\nverified = true\n', 2, "unknown key 'verified'"),
])
def test_mistakes_are_located(tmp_path: Path, text: str, line: int, message: str) -> None:
    with pytest.raises(ConfigError) as e:
        load(write(tmp_path / ".thidua.toml", text))
    assert e.value.line == line
    assert message in t(e.value.key, "en", **e.value.params)
    assert t(e.value.key, "vi", **e.value.params)  # and in Vietnamese
