"""One candidate's votes judged against its award's threshold.

Shares are exact fractions; the percentage shown is cut (never rounded up) to
two decimals, so ``79,99%`` can never be printed as ``80%`` beside "đạt".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from .thresholds import AwardRule


@dataclass(frozen=True)
class Judged:
    """``agree`` and ``disagree`` out of ``base`` voters; ``passed`` is None when the
    award has no threshold."""

    agree: int
    disagree: int
    base: int
    passed: bool | None

    @property
    def share(self) -> Fraction:
        """The agreeing share of ``base``, in per cent."""
        return Fraction(100 * self.agree, self.base) if self.base else Fraction(0)

    @property
    def disagree_share(self) -> Fraction:
        return Fraction(100 * self.disagree, self.base) if self.base else Fraction(0)


def judge(agree: int, disagree: int, rule: AwardRule | None, members: int) -> Judged:
    """The result of a tally in a bloc of ``members`` members."""
    base = agree + disagree if rule is not None and rule.of == "votes" else members
    if rule is None or rule.threshold is None:
        return Judged(agree, disagree, base, None)
    passed = base > 0 and 100 * agree >= rule.threshold * base
    return Judged(agree, disagree, base, passed)


def percent(share: Fraction) -> float:
    """``share`` cut to two decimals (``77.77`` for 7 of 9), for display."""
    return math.floor(share * 100) / 100
