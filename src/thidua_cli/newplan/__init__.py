"""``thidua new``: next year's plan, from last year's or from a skeleton.

``make_plan`` returns the new plan's text and what changed; it writes
nothing. The plan it makes is linted before anyone writes it: a source with
errors is refused (its findings are returned), and the result must have none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..lint.engine import FileResult, LintOptions, lint_text
from ..source import read_source
from .letterhead import Moved


@dataclass(frozen=True)
class NewPlan:
    """``text`` is ``None`` when the source plan has errors (see ``source``)."""

    text: str | None
    year: int
    source: FileResult | None = None
    result: FileResult | None = None
    source_year: int | None = None
    head: str | None = None
    deputies: tuple[str, ...] = ()
    promoted: str | None = None
    stale: tuple[str, ...] = ()
    # The new head's letterhead put on the document (``--head``), or None.
    letterhead: Moved | None = None

    @property
    def ok(self) -> bool:
        """A plan to write: made, and without errors."""
        return (self.text is not None and self.result is not None
                and not self.result.count("error"))

    def __repr__(self) -> str:
        return (f"NewPlan(year={self.year}, head={self.head!r}, deputies={self.deputies!r}, "
                f"ok={self.ok})")


def make_plan(*, year: int, source: str | None = None, head: str | None = None,
              deputies: Sequence[str] | None = None,
              options: LintOptions | None = None, out_name: str = "-") -> NewPlan:
    """The plan of ``year``: ``source`` rolled over, or the skeleton."""
    from .roles import set_roles
    from .rollover import roll_over
    from .roundtrip import dump, load
    from .skeleton import skeleton

    options = options or LintOptions()
    source_result = None
    source_year = None
    stale: tuple[str, ...] = ()
    if source is not None:
        text = read_source(source, max_bytes=options.max_bytes)
        source_result = lint_text(text.text, source, options) if text.problem is None else None
        if source_result is None:
            from ..lint.engine import lint_file

            return NewPlan(None, year, lint_file(source, options))
        if source_result.plan is None or any(
                f.severity == "error" for f in source_result.findings):
            return NewPlan(None, year, source_result)
        from ..errors import InputError
        from .rollover import CannotMove

        data, yaml = load(text.text)
        try:
            changes = roll_over(data, year)
        except CannotMove as e:
            raise InputError("new.cannot_move", path=source, line=e.line, column=e.column,
                             value=e.value, year=year) from None
        source_year, stale = changes.source_year, changes.stale
    else:
        data, yaml = load(skeleton(year))
    roles = set_roles(data["bloc"], head, deputies)
    moved = None
    if head is not None and source is not None:  # the skeleton has no head's letterhead yet
        from .letterhead import move_letterhead

        moved = move_letterhead(data, roles.head)
    from .modeline import retarget

    new_text = retarget(dump(data, yaml), out_name)
    result = lint_text(new_text, out_name, options)
    return NewPlan(new_text, year, source_result, result, source_year, roles.head,
                   roles.deputies, roles.promoted, stale, moved)
