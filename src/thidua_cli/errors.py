"""The one exception family of thidua.

Library code raises these; only the command-line boundary turns them into a
message and an exit code (2: the input or the usage cannot be worked with).
"""

from __future__ import annotations

from typing import Any


class ThiduaError(Exception):
    """Root of every error thidua reports to a user.

    ``key`` names a message in the locale catalogs, ``args`` fills it, so the
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
        self.args_ = args
        super().__init__(key, args)

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
