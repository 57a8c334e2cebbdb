"""The association's financial rules, checked on every budget and reported with rule, year and amount.

A budget that breaks a rule can still be saved as a draft; the page says which rule, in which year and by how
much (DOMAIN.md, "Money": liquidity never below 500 tkr, 2 000 tkr available for new projects within six months,
a reservation in funding decisions when member contributions fall below 15 mkr, and a ceiling on equity).
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from budget.compute import ComputedBudget
from budget.models import BudgetSettings
from finsam.lib.money import format_kr

# The settings the rules read; an adoption record keeps their values as they were.
RULE_SETTINGS = ("min_liquidity", "new_project_reserve", "reservation_threshold", "equity_ceiling")


@dataclass(frozen=True)
class Breach:
    rule: str
    year: int
    amount: int  # kronor by which the rule is broken
    message: str


def available_for_new_projects(equity_end: int | None, min_liquidity: int | None) -> int | None:
    """Money not yet allotted: equity at the year's end above the liquidity floor, free for new projects (kr)."""
    if equity_end is None:
        return None
    return equity_end - (min_liquidity or 0)


def check_rules(
    computed: ComputedBudget, settings: BudgetSettings, member_fees: dict[int, int | None]
) -> list[Breach]:
    """Breaches per year; `member_fees` is each column year's member contribution (fed or entered)."""
    breaches = []
    for year in computed.years:
        end = computed.equity_end[year]
        if settings.min_liquidity is not None and end is not None and end < settings.min_liquidity:
            short = settings.min_liquidity - end
            breaches.append(
                Breach(
                    "min_liquidity",
                    year,
                    short,
                    _(
                        "%(year)s: eget kapital vid årets slut %(end)s är %(short)s under lägsta likviditet %(limit)s."
                    )
                    % {
                        "year": year,
                        "end": format_kr(end),
                        "short": format_kr(short),
                        "limit": format_kr(settings.min_liquidity),
                    },
                )
            )
        if settings.new_project_reserve is not None and end is not None:
            available = available_for_new_projects(end, settings.min_liquidity)
            if available < settings.new_project_reserve:
                short = settings.new_project_reserve - available
                breaches.append(
                    Breach(
                        "new_project_reserve",
                        year,
                        short,
                        _(
                            "%(year)s: bara %(available)s finns för nya insatser utöver lägsta likviditet, "
                            "%(short)s mindre än de %(limit)s som ska kunna beviljas inom sex månader."
                        )
                        % {
                            "year": year,
                            "available": format_kr(max(available, 0)),
                            "short": format_kr(short),
                            "limit": format_kr(settings.new_project_reserve),
                        },
                    )
                )
        fees = member_fees.get(year)
        if (
            settings.reservation_threshold is not None
            and fees is not None
            and fees < settings.reservation_threshold
        ):
            short = settings.reservation_threshold - fees
            breaches.append(
                Breach(
                    "reservation_threshold",
                    year,
                    short,
                    _(
                        "%(year)s: medlemsavgifterna %(fees)s är %(short)s under %(limit)s; beslut om finansiering "
                        "ska innehålla förbehåll om justering."
                    )
                    % {
                        "year": year,
                        "fees": format_kr(fees),
                        "short": format_kr(short),
                        "limit": format_kr(settings.reservation_threshold),
                    },
                )
            )
        if settings.equity_ceiling is not None and end is not None and end > settings.equity_ceiling:
            over = end - settings.equity_ceiling
            breaches.append(
                Breach(
                    "equity_ceiling",
                    year,
                    over,
                    _("%(year)s: eget kapital vid årets slut %(end)s är %(over)s över taket %(limit)s.")
                    % {
                        "year": year,
                        "end": format_kr(end),
                        "over": format_kr(over),
                        "limit": format_kr(settings.equity_ceiling),
                    },
                )
            )
    return breaches
