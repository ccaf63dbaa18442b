"""Configuration files: where they are found, what they may say, and located errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from thidua_cli.config import Config, Exclude, find, load, settings
from thidua_cli.errors import ConfigError, UsageError
from thidua_cli.gate import lint_options


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


# -- finding the file -------------------------------------------------------------------

def test_found_in_a_parent_folder(tmp_path: Path) -> None:
    config = write(tmp_path / ".thidua.toml", "")
    (tmp_path / "plans" / "2022").mkdir(parents=True)
    assert find(tmp_path / "plans" / "2022") == config


def test_nearest_folder_wins(tmp_path: Path) -> None:
    write(tmp_path / ".thidua.toml", "")
    inner = write(tmp_path / "plans" / ".thidua.toml", "")
    assert find(tmp_path / "plans") == inner


def test_pyproject_counts_only_with_its_table(tmp_path: Path) -> None:
    outer = write(tmp_path / "pyproject.toml", "[tool.thidua]\nignore = []\n")
    write(tmp_path / "plans" / "pyproject.toml", "[project]\nname = 'x'\n")
    assert find(tmp_path / "plans") == outer


def test_thidua_toml_before_pyproject(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.thidua]\n")
    own = write(tmp_path / ".thidua.toml", "")
    assert find(tmp_path) == own


# -- reading it -------------------------------------------------------------------------

def test_every_key(tmp_path: Path) -> None:
    path = write(tmp_path / ".thidua.toml", """\
select = ["TD1", "misspelling"]
ignore = ["TD301"]
exclude = ["drafts/**"]
today = 2022-06-01
[severity]
TD204 = "error"
not-nfc = "off"
""")
    assert load(path) == Config(path, ("TD1", "misspelling"), ("TD301",),
                                {"TD204": "error", "TD401": "off"}, ("drafts/**",),
                                date(2022, 6, 1))


def test_pyproject_table_and_subtable(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", """\
[project]
name = "plans"

[tool.thidua]
today = "1/6/2022"

[tool.thidua.severity]
TD204 = "error"
""")
    config = load(path)
    assert (config.today, config.severity) == (date(2022, 6, 1), {"TD204": "error"})


@pytest.mark.parametrize(("text", "line", "message"), [
    ("select = ['TD4']\nignor = ['TD301']\n", 2, "unknown configuration key 'ignor'"),
    ("select = [\n  'TD401',\n  'TD499',\n]\n", 3, "'TD499' in 'select' is not a rule"),
    ("ignore = ['misspeling']\n", 1, "(did you mean 'misspelling'?)"),
    ("ignore = 'TD301'\n", 1, "'ignore' must be a list of texts"),
    ("ignore = ['yaml-syntax']\n", 1, "TD001 (yaml-syntax) cannot be turned off"),
    ("[severity]\nTD204 = 'loud'\n", 2, "the severity of 'TD204' is 'loud'"),
    ("[severity]\nTD204 = 'error'\nTD4 = 'off'\n", 3, "'TD4' in 'severity' is not a rule"),
    ("severity = {TD204 = 'error', TD001 = 'warning'}\n", 1, "TD001 (yaml-syntax) cannot"),
    ("severity = ['TD204']\n", 1, "'severity' must be a table"),
    ("today = 'tomorrow'\n", 1, "'today' is tomorrow, not a date"),
    ("today = 2022-06-01T10:00:00\n", 1, "not a date"),
    ("select = ['TD4'\n", 1, "TOML syntax error"),
])
def test_mistakes_are_located(tmp_path: Path, text: str, line: int, message: str) -> None:
    from thidua_cli.i18n import t

    path = write(tmp_path / ".thidua.toml", text)
    with pytest.raises(ConfigError) as e:
        load(path)
    assert e.value.path is not None and Path(e.value.path).resolve() == path.resolve()
    assert e.value.line == line
    assert message in t(e.value.key, "en", **e.value.params)


def test_mistake_in_pyproject_is_located_in_its_table(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml",
                 "[project]\nname = 'x'\nselect = 1\n\n[tool.thidua]\nselect = ['TD8']\n")
    with pytest.raises(ConfigError) as e:
        load(path)
    assert e.value.line == 6


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as e:
        load(tmp_path / "nope.toml")
    assert e.value.key == "config.not_found"


# -- combining it with the command line -------------------------------------------------

EVERY = "TD001 TD002 TD101 TD102 TD103 TD104 TD105 TD106 TD107 TD108 TD109 TD201 TD202 TD203 " \
        "TD204 TD205 TD301 TD302 TD303 TD304 TD305 TD306 TD307 TD308 TD401 TD402 TD403 TD404 " \
        "TD405 TD406 TD407 TD408 TD409 TD601 TD602 TD603 TD604 TD605 TD606 TD607 TD900"


@pytest.mark.parametrize(("config", "select", "ignore", "enabled"), [
    (Config(), None, (), None),
    (Config(select=("TD4",)), None, (),
     "TD001 TD401 TD402 TD403 TD404 TD405 TD406 TD407 TD408 TD409"),
    (Config(select=("TD4",)), ("TD1",), (),
     "TD001 TD101 TD102 TD103 TD104 TD105 TD106 TD107 TD108 TD109"),
    (Config(ignore=("TD4",)), None, ("TD9", "overdue"),
     "TD001 TD002 TD101 TD102 TD103 TD104 TD105 TD106 TD107 TD108 TD109 TD201 TD202 TD203 "
     "TD205 TD301 TD302 TD303 TD304 TD305 TD306 TD307 TD308 TD601 TD602 TD603 TD604 TD605 "
     "TD606 TD607"),
    (Config(severity={"TD301": "off"}), ("TD3",), (),
     "TD001 TD302 TD303 TD304 TD305 TD306 TD307 TD308"),
    (Config(), ("TD",), ("TD0",), EVERY.replace("TD002 ", "")),
])
def test_selection(config: Config, select: tuple[str, ...] | None, ignore: tuple[str, ...],
                   enabled: str | None) -> None:
    got = settings(config, select, ignore).enabled
    assert got == (None if enabled is None else frozenset(enabled.split()))


def test_severity_overrides() -> None:
    assert settings(Config(severity={"TD204": "error", "TD302": "warning"})).severity == {
        "TD204": "error", "TD302": "warning"}


@pytest.mark.parametrize(("select", "ignore", "key"), [
    (("TD499",), (), "config.cli_unknown_rule"),
    (None, ("overdu",), "config.cli_unknown_rule_close"),
    (None, ("TD001",), "config.cli_always_on"),
])
def test_command_line_mistakes(select: tuple[str, ...] | None, ignore: tuple[str, ...],
                               key: str) -> None:
    with pytest.raises(UsageError) as e:
        settings(Config(), select, ignore)
    assert e.value.key == key


def test_today_from_the_command_line_then_the_file(tmp_path: Path) -> None:
    write(tmp_path / ".thidua.toml", "today = 2022-06-01\n")
    assert lint_options(lang="en", cwd=tmp_path).today == date(2022, 6, 1)
    assert lint_options(lang="en", cwd=tmp_path, today=date(2023, 1, 1)).today == date(2023, 1, 1)


# -- exclude ----------------------------------------------------------------------------

@pytest.mark.parametrize(("pattern", "path", "excluded"), [
    ("drafts", "drafts/plan.yaml", True),
    ("drafts", "plans/drafts/plan.yaml", True),
    ("drafts/**", "drafts/2022/plan.yaml", True),
    ("drafts/*.yaml", "drafts/plan.yaml", True),
    ("drafts/*.yaml", "drafts/2022/plan.yaml", False),
    ("plans/drafts", "drafts/plan.yaml", False),
    ("*.old.yaml", "plans/plan.old.yaml", True),
    ("*.old.yaml", "plans/plan.yaml", False),
    ("**/tmp-*.yaml", "a/b/tmp-1.yaml", True),
    ("**/tmp-*.yaml", "tmp-1.yaml", True),
    ("/plans/2021", "plans/2021/plan.yaml", True),
])
def test_exclude(tmp_path: Path, pattern: str, path: str, excluded: bool) -> None:
    assert Exclude(tmp_path, (pattern,)).matches(str(tmp_path / path)) is excluded


def test_exclude_ignores_files_outside_its_folder(tmp_path: Path) -> None:
    assert not Exclude(tmp_path / "a", ("*.yaml",)).matches(str(tmp_path / "b" / "p.yaml"))


def test_exclude_wildcards_agree_with_fnmatch() -> None:
    """``_wildcard`` finds each run between ``*`` once (in C): the same answers as fnmatch
    for ``*`` and ``?`` (no ``[``), over every short pattern and name of a few letters."""
    import fnmatch
    import itertools

    from thidua_cli.config import _wildcard

    patterns = ["".join(p) for n in range(6) for p in itertools.product("ab?*", repeat=n)]
    names = ["".join(p) for n in range(6) for p in itertools.product("ab", repeat=n)]
    wrong = [(p, t) for p in patterns for t in names
             if _wildcard(p, t) != fnmatch.fnmatchcase(t, p)]
    assert wrong == []
