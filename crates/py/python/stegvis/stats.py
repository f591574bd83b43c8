"""Interval estimates for proportions, as the reports use them.

Both functions are the core's (Wilson 1927; Newcombe 1998, method 10, the
hybrid score interval), without continuity correction. They return a small
named tuple, or ``None`` when a denominator is 0 and no interval exists.
Invalid arguments (``k > n``, a confidence outside (0, 1), a negative count)
raise :class:`stegvis.StegvisError` with code ``invalid_argument``.

>>> from stegvis.stats import wilson_interval, newcombe_difference
>>> ci = wilson_interval(81, 263)
>>> round(ci.lower, 4), round(ci.upper, 4)
(0.2553, 0.3662)
>>> d = newcombe_difference(56, 70, 48, 80)
>>> round(d.difference, 4), round(d.lower, 4), round(d.upper, 4)
(0.2, 0.0524, 0.3339)
>>> wilson_interval(0, 0) is None
True
"""

from __future__ import annotations

from typing import NamedTuple, Optional

from stegvis import _core

__all__ = ["Difference", "Interval", "newcombe_difference", "wilson_interval"]


class Interval(NamedTuple):
    """A two-sided confidence interval for a proportion."""

    lower: float
    upper: float


class Difference(NamedTuple):
    """A difference of two proportions, ``p1 - p2``, with its interval."""

    difference: float
    lower: float
    upper: float


def wilson_interval(k: int, n: int, *, confidence: float = 0.95) -> Optional[Interval]:
    """The Wilson score interval for ``k`` successes in ``n`` trials.

    Bounds are clamped to [0, 1]; ``None`` when ``n`` is 0.
    """
    bounds = _core.wilson_interval(k, n, confidence)
    return None if bounds is None else Interval(*bounds)


def newcombe_difference(
    k1: int, n1: int, k2: int, n2: int, *, confidence: float = 0.95
) -> Optional[Difference]:
    """Newcombe's hybrid score interval for ``k1/n1 - k2/n2``.

    ``None`` when either ``n`` is 0.
    """
    difference = _core.newcombe_difference(k1, n1, k2, n2, confidence)
    return None if difference is None else Difference(*difference)
