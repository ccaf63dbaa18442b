"""What ``thidua new`` tells the user on stderr: findings, reminders, notes."""

from __future__ import annotations

from typing import TextIO

from .. import i18n
from ..newplan import NewPlan
from .lint.text import line

# How many of the texts that still mention the old year the note names.
STALE_SHOWN = 10


def print_outcome(plan: NewPlan, stream: TextIO, lang: i18n.Lang, *, head_given: bool,
                  deputies_given: bool) -> bool:
    """Print findings and notes; ``False`` when the new plan must not be written."""
    if plan.text is None:
        assert plan.source is not None
        for f in plan.source.findings:
            stream.write(line(f) + "\n")
        stream.write(i18n.t("new.source_errors", lang, path=plan.source.path) + "\n")
        return False
    assert plan.result is not None
    for f in plan.result.findings:
        stream.write(line(f) + "\n")
    if any(f.severity == "error" for f in plan.result.findings):
        stream.write(i18n.t("new.result_errors", lang) + "\n")
        return False
    if plan.source_year is not None and not (head_given and deputies_given):
        deputies = ", ".join(plan.deputies) or i18n.t("new.none", lang)
        # Only what was carried over is "still" last year's: `--head bnv` alone
        # was told "the head is still 'bnv'", the head it had just been given.
        key = ("new.rotate_deputies" if head_given else "new.rotate_head" if deputies_given
               else "new.rotate")
        stream.write(i18n.t(key, lang, year=plan.year, head=plan.head,
                            deputies=deputies) + "\n")
    if plan.promoted:
        stream.write(i18n.t("new.promoted", lang, id=plan.promoted) + "\n")
    moved = plan.letterhead
    if moved is not None:
        if moved.no_letterhead:
            stream.write(i18n.t("new.no_letterhead", lang, id=moved.head) + "\n")
        else:
            stream.write(i18n.t("new.letterhead", lang, id=moved.head,
                                keys=", ".join(moved.set)) + "\n")
            if moved.missing:
                stream.write(i18n.t("new.letterhead_missing", lang, id=moved.head,
                                    keys=", ".join(moved.missing)) + "\n")
    if plan.stale:
        # A big plan can have thousands: the first few name where to look.
        where = ", ".join(plan.stale[:STALE_SHOWN])
        if len(plan.stale) > STALE_SHOWN:
            where = i18n.t("new.stale_more", lang, where=where,
                           count=len(plan.stale) - STALE_SHOWN)
        stream.write(i18n.t("new.stale", lang, year=plan.source_year, count=len(plan.stale),
                            where=where) + "\n")
    return True
