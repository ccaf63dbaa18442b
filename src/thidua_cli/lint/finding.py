"""What the linter finds, in the shape every reporter prints."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal, NamedTuple

from ..loader import Path_

Severity = Literal["error", "warning"]
#: A message without arguments: one empty mapping, read-only, shared by every hit.
NO_ARGS: Mapping[str, Any] = MappingProxyType({})


class Fix(NamedTuple):
    """A safe change to the text value at ``loc``, for ``--fix``.

    With ``phrase`` empty the value is put in NFC; otherwise the misspelled
    ``phrase`` (as ``text.misspelling.key`` writes it) is corrected.
    ``recipient`` instead strips a recipient's pasted dash and final ``;``/``.``.
    """

    loc: Path_
    phrase: str = ""
    recipient: bool = False


class Hit(NamedTuple):
    """What a rule reports: where in the data, and the key of its message (``args`` fill it).

    ``at="key"`` points at a mapping key rather than its value (an unknown
    member id used as a key of ``scores``, say). ``span`` is the part of a
    text value the finding is about (start and end offsets), so the engine
    can point at the word inside a one-line value. ``fix`` is a safe fix.
    """

    loc: Path_
    key: str
    args: Mapping[str, Any] = NO_ARGS
    at: Literal["value", "key", "parent"] = "value"
    hint: str | None = None
    hint_args: Mapping[str, Any] = NO_ARGS
    span: tuple[int, int] | None = None
    fix: Fix | None = None


@dataclass(frozen=True, order=True)
class Finding:
    """One located finding, ready to print.

    ``end_line`` and ``end_column`` are where the offending key or value ends
    (just past it; None when only its start is known), and ``suggestion`` the
    replacement a "did you mean" hint names: an editor underlines the one and
    offers the other.
    """

    path: str
    line: int
    column: int
    code: str
    rule: str
    severity: Severity
    message: str
    hint: str | None = None
    fix: Fix | None = field(default=None, compare=False)
    end_line: int | None = field(default=None, compare=False)
    end_column: int | None = field(default=None, compare=False)
    suggestion: str | None = field(default=None, compare=False)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path, "line": self.line, "column": self.column, "code": self.code,
            "rule": self.rule, "severity": self.severity, "message": self.message,
        }
        if self.hint:
            out["hint"] = self.hint
        return out
