"""The one exception family of thidua.

Library code raises these; only the command-line boundary turns them into a
message and an exit code (2: the input or the usage cannot be worked with).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .lint.engine import FileResult


#: The longest value a message echoes: a configuration value, a pattern, a
#: template's detail, git's words. A 100 KB value was printed whole before.
MAX_SHOWN = 200
# File names stay whole (the system bounds them, at 4,096 bytes): a cut one
# could name another file.
# git's words stay whole too (bounded where they are read, in
# `diff/revision.py`): cut at 200 characters, a long path in them lost its end.
_WHOLE = frozenset({"path", "folder", "target", "places", "config", "git_says"})


#: Messages that name a command's options, and the library's words for the same:
#: a script that called ``render(format="md", output="x.pdf")`` was told about
#: ``--format``, an option it never saw. ``message`` uses these for an error that
#: left the library (``library``), unless the command line asks for its own.
LIBRARY_KEYS = {
    "input.too_large": "api.too_large",
    "input.too_large_stream": "api.too_large_stream",
    "render.format_from_suffix": "api.format_from_suffix",
    "render.format_conflict": "api.format_conflict",
    "render.template_dir_not_folder": "api.templates_not_folder",
    "render.option_not_for_kind": "api.option_not_for_kind",
    "render.per_member_stdout": "api.per_member_stdout",
    "render.kind_requires": "api.kind_requires",
    "documents.nothing_overdue": "api.nothing_overdue",
    "new.year_not_later": "api.year_not_later",
    "fix.changed": "api.fix_changed",
    "report_cmd.several_to_stdout": "api.several_to_stdout",
    "import.bad_bloc_from": "api.bad_bloc_from",
    # The configuration and the templates found from the current folder: a
    # script gives ``config=`` and ``templates=``, not ``--config``.
    "config.found_dangling": "api.config_found_dangling",
    "config.found_not_a_file": "api.config_found_not_a_file",
    "config.found_writable": "api.config_found_writable",
    "config.found_foreign": "api.config_found_foreign",
    "config.found_foreign_link": "api.config_found_foreign_link",
    "render.templates_found_writable": "api.templates_found_writable",
    "render.templates_found_foreign": "api.templates_found_foreign",
    # Hints inside findings (``lint.engine._place``, for ``LintOptions.library``).
    "hint.issuer_not_head": "api.hint_issuer_not_head",
    "hint.recipient_punctuation": "api.hint_recipient_punctuation",
    "textrule.not-nfc_hint": "api.hint_not_nfc",
}
#: An ``option`` a message names, as the library's caller wrote it.
LIBRARY_OPTIONS = {
    "--as-of": "as_of", "--per-member": "render_each()", "--select": "select",
    "--ignore": "ignore", "--head": "head", "--deputies": "deputies",
}


def shorten(value: Any) -> Any:
    """A text value cut to ``MAX_SHOWN`` characters, ending in ``…``; others as they are."""
    if isinstance(value, str) and len(value) > MAX_SHOWN:
        return value[:MAX_SHOWN - 1] + "…"
    return value


class ThiduaError(Exception):
    """Root of every error thidua reports to a user.

    ``key`` names a message in the locale catalogs, ``params`` fill it, so the
    same error can be shown in Vietnamese or English.
    """

    exit_code = 2

    def __init__(
        self, key: str, *, path: str | None = None, line: int | None = None,
        column: int | None = None, **args: Any,
    ) -> None:
        self.key = key
        self.path = path
        self.line = line
        self.column = column
        self.params = args
        # Set by the library's functions as the error leaves them (``api``).
        self.library = False
        super().__init__(key, args)

    def message(self, lang: str = "en", *, command: bool = False) -> str:
        """The message in ``lang`` (``vi`` or ``en``), without the location: in the
        library's words (``LIBRARY_KEYS``) for an error the library raised, unless
        ``command`` (the command line, whose options the message then names)."""
        from .i18n import resolve_lang, t

        key, given = self.key, self.params
        if self.library and not command:
            key = LIBRARY_KEYS.get(key, key)
            option = given.get("option")
            if isinstance(option, str) and option in LIBRARY_OPTIONS:
                given = {**given, "option": LIBRARY_OPTIONS[option]}
        params = {key: shorten(value) if key not in _WHOLE else value
                  for key, value in given.items()}
        return t(key, resolve_lang(lang), **{**params, "path": self.path or ""})

    def location(self) -> str:
        """``path:line:col`` as far as it is known."""
        parts = [p for p in (self.path, self.line, self.column) if p is not None]
        return ":".join(str(p) for p in parts)


class UsageError(ThiduaError):
    """The command line asks for something that cannot be done."""


class InputError(ThiduaError):
    """A file cannot be read or is not a plan at all."""


class ConfigError(ThiduaError):
    """A configuration file is wrong."""


class OutputError(ThiduaError):
    """An output file cannot be written."""


class PlanHasErrors(ThiduaError):
    """A plan with lint errors asked to be rendered or reported: its ``result``
    holds the findings. Exit code 1, as for findings."""

    exit_code = 1

    def __init__(self, key: str, *, result: FileResult, path: str | None = None) -> None:
        errors = sum(1 for f in result.findings if f.severity == "error")
        super().__init__(key, path=path, errors=errors)
        self.result = result
