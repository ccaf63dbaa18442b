"""The registry of document kinds, read from ``data/documents.toml``."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import import_module, resources
from typing import TYPE_CHECKING, Any, Literal

from ..errors import UsageError

if TYPE_CHECKING:
    from ..model import Plan
    from ..votes.thresholds import AwardRule

Layout = Literal["typed", "letter"]
Option = Literal["as_of", "per_member"]
DEFAULT = "ke-hoach"


@dataclass(frozen=True)
class Request:
    """What the command asked of a kind: the day it is written at, one letter per member."""

    # None: the kind's own default (30 June for so-ket, today for don-doc).
    as_of: date | None = None
    per_member: bool = False
    # The vote's rule for each award; None: the shipped ones.
    awards: tuple[AwardRule, ...] | None = None
    # The output's format ("md", "docx", "pdf"): what a kind's size is estimated in.
    format: str = "md"


@dataclass(frozen=True)
class Part:
    """One document of a render: its context, and what tells it apart from the others
    of the same render (a member's id for ``--per-member``; None for the only one)."""

    context: Mapping[str, Any]
    name: str | None = None


Builder = Callable[["Plan", "Kind", Request], Sequence[Part]]


@dataclass(frozen=True)
class Kind:
    slug: str
    name: str
    type_name: str
    symbol: str
    layout: Layout
    context: str
    template: str
    options: tuple[Option, ...] = ()
    requires: tuple[str, ...] = ()
    gate: tuple[str, ...] = ()
    finish: str | None = None
    suffix: str | None = None
    # The day written at without --as-of, "MM-DD" in the plan's year; None: today.
    as_of: str | None = None

    @property
    def markdown(self) -> str:
        return f"{self.template}.md.j2"

    @property
    def docx(self) -> str:
        return f"{self.template}.docx"

    @property
    def output_suffix(self) -> str:
        """What the output's name adds to the plan's: ``plan-2022-giao-uoc.docx``."""
        return f"-{self.slug}" if self.suffix is None else self.suffix

    def default_day(self, year: int) -> date:
        """The day the kind is written at when the command gives none."""
        if self.as_of is None:
            return date.today()
        month, day = self.as_of.split("-")
        return date(year, int(month), int(day))

    @property
    def numbered(self) -> bool:
        """Whether the document has a number line (``Số: ...``)."""
        return self.symbol != "-"

    def builder(self) -> Builder:
        return _resolve(self.context)  # type: ignore[no-any-return]

    def finisher(self) -> Callable[[Any, Mapping[str, Any]], None] | None:
        return None if self.finish is None else _resolve(self.finish)


def _resolve(reference: str) -> Any:
    module, _, name = reference.partition(":")
    return getattr(import_module(module), name)


@cache
def kinds() -> tuple[Kind, ...]:
    """Every kind, in the order of the data file."""
    text = resources.files("thidua_cli.data").joinpath("documents.toml").read_text("utf-8")
    out = []
    for entry in tomllib.loads(text)["kind"]:
        entry.setdefault("template", entry["slug"])
        for key in ("options", "requires", "gate"):
            entry[key] = tuple(entry.get(key, ()))
        out.append(Kind(**entry))
    return tuple(out)


def get(slug: str) -> Kind:
    """The kind called ``slug``, or a ``UsageError`` naming the closest and the list."""
    for kind in kinds():
        if kind.slug == slug:
            return kind
    import difflib

    slugs = [k.slug for k in kinds()]
    close = difflib.get_close_matches(slug, slugs, n=1, cutoff=0.5)
    if close:
        raise UsageError("documents.unknown_kind_close", value=slug, suggestion=close[0],
                         known=", ".join(slugs))
    raise UsageError("documents.unknown_kind", value=slug, known=", ".join(slugs))
