"""Splitting a whole-krona amount into parts that add up exactly: no krona lost, none invented."""

from collections.abc import Hashable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def allocate(
    total: int, weights: Mapping[K, int | Decimal | Fraction], *, order: list[K] | None = None
) -> dict[K, int]:
    """Split `total` kronor in proportion to `weights`, by the largest-remainder method.

    Each part first gets the whole kronor of its exact share (rounded towards zero); the kronor left over go one
    each to the parts with the largest remainders. Ties are broken by `order` (default: the keys sorted), never by
    the order the weights were entered in, so the result is deterministic. The parts always sum to `total`, and
    each differs from its exact proportion by less than one krona.

    Used for member fees (DOMAIN.md, "Money": the municipalities' quarter split by population or fixed
    percentages) and for a project's total spread over calendar years pro rata to days.
    """
    if not isinstance(total, int) or isinstance(total, bool):
        raise TypeError("total must be whole kronor (int)")
    if not weights:
        raise ValueError("at least one weight is needed")
    exact_weights = {key: Fraction(weight) for key, weight in weights.items()}
    if any(weight < 0 for weight in exact_weights.values()):
        raise ValueError("weights cannot be negative")
    weight_sum = sum(exact_weights.values())
    if weight_sum == 0:
        raise ValueError("the weights sum to zero")

    sign = -1 if total < 0 else 1
    magnitude = abs(total)
    exact = {key: magnitude * weight / weight_sum for key, weight in exact_weights.items()}
    parts = {key: int(share) for key, share in exact.items()}  # floor for non-negative shares
    left_over = magnitude - sum(parts.values())

    rank = {key: index for index, key in enumerate(order if order is not None else sorted(weights))}
    by_remainder = sorted(exact, key=lambda key: (-(exact[key] - parts[key]), rank[key]))
    for key in by_remainder[:left_over]:
        parts[key] += 1
    return {key: sign * part for key, part in parts.items()}
