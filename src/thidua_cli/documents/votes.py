"""Each award's vote as the documents show it: candidates, tallies, threshold, result.

Shared by the minutes (biên bản), the proposal (tờ trình), the ballots (the
candidates) and the year-end report's nominations.
"""

from __future__ import annotations

from typing import Any

from ..model import Award, Plan
from ..render.context import clean
from ..votes.tally import Judged, judge, percent
from ..votes.thresholds import AwardRule, rule_for, shipped

#: How a result is written in the minutes.
PASSED = "Đạt"
FAILED = "Không đạt"
#: The base of a threshold, in words.
OF_TEXT = {"members": "tổng số thành viên Khối", "votes": "tổng số phiếu hợp lệ"}


def award_lines(plan: Plan, rules: tuple[AwardRule, ...] | None = None) -> list[dict[str, Any]]:
    """One dictionary per award: ``title``, ``note``, ``threshold`` (or None),
    ``candidates`` (every member voted on or proposed: proposed first), ``nominees``
    (the proposed ones), ``voted`` (whether any tally is recorded)."""
    from ..report.ranking import rank

    ranking = {r.member: r for r in rank(plan)}
    known = {m.id: m for m in plan.bloc.members}
    members = len(plan.bloc.members)
    out = []
    for award in plan.awards:
        rule = rule_for(award.title, shipped() if rules is None else rules)
        candidates = []
        for member in _candidates(award):
            if member not in known:
                continue
            row = ranking.get(member)
            tally = award.votes.get(member)
            candidate: dict[str, Any] = {
                "id": member, "name": clean(known[member].name),
                "short_name": None if known[member].short_name is None
                else clean(known[member].short_name or ""),
                "total": None if row is None else row.total,
                "rank": None if row is None else row.rank,
                "nominated": member in award.members,
                "votes": None,
            }
            if tally is not None:
                candidate["votes"] = vote_line(judge(tally.agree, tally.disagree, rule,
                                                     members))
            candidates.append(candidate)
        out.append({
            "title": clean(award.title),
            "note": None if award.note is None else clean(award.note),
            "threshold": threshold(rule),
            "candidates": candidates,
            "nominees": [c for c in candidates if c["nominated"]],
            "voted": bool(award.votes),
            "voters": members,
        })
    return out


def vote_line(judged: Judged) -> dict[str, Any]:
    """A tally as the documents print it: counts, cut percentages, the result."""
    return {"agree": judged.agree, "disagree": judged.disagree, "base": judged.base,
            "agree_percent": percent(judged.share),
            "disagree_percent": percent(judged.disagree_share), "passed": judged.passed,
            "result": None if judged.passed is None else PASSED if judged.passed else FAILED}


def threshold(rule: AwardRule | None) -> dict[str, Any] | None:
    """The threshold as the documents state it, with its source; None without one."""
    if rule is None or rule.threshold is None:
        return None
    return {"percent": float(rule.threshold), "of": rule.of, "of_text": OF_TEXT[rule.of],
            "source": rule.source, "verified": rule.verified, "note": rule.note,
            "quota": rule.quota}


def _candidates(award: Award) -> list[str]:
    return list(dict.fromkeys([*award.members, *award.votes]))
