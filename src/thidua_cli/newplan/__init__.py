"""``thidua new``: next year's plan, from last year's or from a skeleton.

``make_plan`` returns the new plan's text and what changed; it writes
nothing. The plan it makes is linted before anyone writes it: a source with
errors is refused (its findings are returned), and the result must have none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .. import dates
from ..gcpause import paused
from ..lint.engine import FileResult, LintOptions, errors_only, lint_text
from ..loader import Parsed, YamlSyntaxError, parse_nodes
from ..source import SourceText, read_source
from .letterhead import Moved


@dataclass(frozen=True)
class NewPlan:
    """``text`` is ``None`` when the source plan has errors (see ``source``).

    ``source`` is the source plan's lint: every finding when it has errors;
    otherwise only what the rules that can give an error found (a plan that
    becomes last year's has nothing to fix for its warnings). ``result`` is
    the new plan's full lint.
    """

    text: str | None
    # None only when it was not given and the source, having errors, gave none.
    year: int | None
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


@paused()  # both plans' data, nodes and findings stay alive to the end: nothing to collect
def make_plan(*, year: int | None = None, source: str | None = None, head: str | None = None,
              deputies: Sequence[str] | None = None,
              options: LintOptions | None = None, out_name: str = "-",
              source_text: str | None = None) -> NewPlan:
    """The plan of ``year``: ``source`` rolled over, or the skeleton.

    Without ``year``, the year after ``source``'s (a skeleton needs one).
    ``source_text``: the source's text, given (the library's plan as text),
    ``source`` then only its name.
    """
    from .roles import set_roles
    from .rollover import roll_over
    from .roundtrip import dump, load
    from .skeleton import skeleton

    options = options or LintOptions()
    source_result = None
    source_year = None
    stale: tuple[str, ...] = ()
    parsed: Parsed | None = None
    if source is not None:
        text = read_source(source, max_bytes=options.max_bytes) if source_text is None \
            else SourceText(source, source_text)
        if text.problem is not None:
            from ..lint.engine import lint_file

            return NewPlan(None, year, lint_file(source, options))
        parsed, root = _parsed(text.text)
        # Last year's plan is judged for its errors only: the rules that can
        # only warn (its deadlines are all past, by nature) do not run on it.
        # A source with errors is linted in full, for the user to see.
        source_result = lint_text(text.text, source, errors_only(options), parsed=parsed)
        if parsed is None or source_result.plan is None or any(
                f.severity == "error" for f in source_result.findings):
            return NewPlan(None, year, lint_text(text.text, source, options, parsed=parsed))
        from ..errors import InputError, UsageError

        if year is None:  # `new --from plan-2023.yaml plan-2024.yaml`: the year after
            year = source_result.plan.year + 1
            if year > dates.LATEST_YEAR:
                # A plan of the window's last year has no next one: the new plan
                # was made and linted, its `year` the finding, in a file never written.
                line, column = parsed.value_pos(("year",))
                raise UsageError("new.no_next_year", path=source, line=line, column=column,
                                 source_year=source_result.plan.year,
                                 first=dates.EARLIEST_YEAR, last=dates.LATEST_YEAR)
        if year <= source_result.plan.year:
            # Moving every date back (or nowhere) is no next year's plan; a
            # slip of the --year (2023 for 2024) would give last year's again.
            line, column = parsed.value_pos(("year",))
            raise UsageError("new.year_not_later", path=source, line=line, column=column,
                             year=year, source_year=source_result.plan.year,
                             next=source_result.plan.year + 1)
        from .rollover import CannotMove

        try:
            # Without new roles, the source's text is edited where its values
            # are (splice.py: linear, every other byte kept); what that cannot
            # do exactly, the round trip does.
            spliced = None
            if head is None and deputies is None:
                from .splice import roll_over_text

                spliced = roll_over_text(text.text, year, parsed, root)
            if spliced is not None:
                from .modeline import retarget

                new_text = retarget(spliced.text, out_name)
                result = lint_text(new_text, out_name, options)
                return NewPlan(new_text, year, source_result, result,
                               spliced.changes.source_year, spliced.head, spliced.deputies,
                               None, spliced.changes.stale)
            data, yaml = load(text.text, path=source, parsed=parsed)
            changes = roll_over(data, year)
        except CannotMove as e:
            raise InputError("new.cannot_move", path=source, line=e.line, column=e.column,
                             value=e.value, year=year) from None
        source_year, stale = changes.source_year, changes.stale
    else:
        assert year is not None  # a skeleton's is required (api.new_plan)
        data, yaml = load(skeleton(year))
    roles = set_roles(data["bloc"], head, deputies)
    moved = None
    if head is not None and source is not None:  # the skeleton has no head's letterhead yet
        from .letterhead import move_letterhead

        moved = move_letterhead(data, roles.head)
    from .modeline import retarget

    new_text = retarget(dump(data, yaml, path=source, parsed=parsed), out_name)
    result = lint_text(new_text, out_name, options)
    return NewPlan(new_text, year, source_result, result, source_year, roles.head,
                   roles.deputies, roles.promoted, stale, moved)


def _parsed(text: str) -> tuple[Parsed | None, Any]:
    """The text's parse and node tree; ``(None, None)`` when it is not YAML (lint says why)."""
    try:
        return parse_nodes(text)
    except YamlSyntaxError:
        return None, None
