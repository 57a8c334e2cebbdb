"""Member fees: how a fee year's total is split between the members, in whole kronor.

The rule (DOMAIN.md, "Money"; lag 2003:1210 § 12): the state pays half (through Försäkringskassan, with
Arbetsförmedlingen), the region a quarter, the municipalities together a quarter, and the municipalities split
their quarter by population (inhabitants 16–64 on a reference date) or by fixed percentages, as the association's
agreement says. Every split is largest-remainder rounding (`finsam.lib.allocation.allocate`), so the parts add
up exactly to the total.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Generic, TypeVar

from django.utils.translation import gettext as _

from finsam.lib.allocation import allocate

K = TypeVar("K")

# The law's shares: state 2, region 1, municipalities 1 (of 4).
PARTY_WEIGHTS = {"state": 2, "region": 1, "municipalities": 1}
HUNDRED = Decimal(100)


class FeeSplitError(ValueError):
    """The split cannot be computed; the message says why in Swedish."""


@dataclass(frozen=True)
class FeeSplit(Generic[K]):
    total: int
    state: int
    region: int
    municipalities: dict  # key -> kronor

    @property
    def municipalities_total(self) -> int:
        return sum(self.municipalities.values())


def split_fee(
    total: int, municipality_weights: Mapping[K, int | Decimal], order: list[K] | None = None
) -> FeeSplit:
    """Split `total` kronor into the state's half, the region's quarter and each municipality's part."""
    if total <= 0:
        raise FeeSplitError(_("Den totala medlemsavgiften måste vara större än 0 kr."))
    if not municipality_weights:
        raise FeeSplitError(_("Det finns inga kommuner att fördela kommunernas fjärdedel på."))
    if sum(municipality_weights.values()) <= 0:
        raise FeeSplitError(
            _(
                "Kommunernas fjärdedel kan inte fördelas: ingen kommun har invånare eller andel att fördela efter."
            )
        )
    parties = allocate(total, PARTY_WEIGHTS, order=list(PARTY_WEIGHTS))
    municipalities = allocate(parties["municipalities"], municipality_weights, order=order)
    return FeeSplit(
        total=total, state=parties["state"], region=parties["region"], municipalities=municipalities
    )


def percentage_problem(percentages: Mapping[K, Decimal]) -> str | None:
    """None if the percentages sum to exactly 100 %, else a message saying which way and by how much."""
    total = sum(percentages.values(), Decimal(0))
    if total == HUNDRED:
        return None
    difference = abs(HUNDRED - total)
    direction = _("för mycket") if total > HUNDRED else _("för lite")
    return _("Procentsatserna summerar till %(total)s %%, %(difference)s procentenheter %(direction)s.") % {
        "total": _decimal_sv(total),
        "difference": _decimal_sv(difference),
        "direction": direction,
    }


def _decimal_sv(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.replace(".", ",")
