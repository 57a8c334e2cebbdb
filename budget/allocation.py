"""The state's allocation to an association, an estimate of next year's state contribution, and the equity ceiling.

The model, as published for the national council (Nationella rådet) by Försäkringskassan:
- "Fördelningsmodell för statens medelstilldelning till samordningsförbunden", Försäkringskassan, 2015-01-22,
  applied from the allocation for 2016, and finsam.se, "Statens fördelningsmodell" (Kunskapsstöd › Ekonomi ›
  Finansiering): every association receives a base allocation (grundtilldelning) of 400 tkr; beyond it the
  state's funds are split by the keys 75 per cent försörjningsmått and 25 per cent inhabitants aged 16–64 in the
  associations' areas. finsam.se, "Medelstilldelning" (Nationella rådet): the model applies until further notice.
- The same document: equity above a reasonable size, by the calculation model ("trappa") of Nationella rådet's
  recommendation of 2013-10-02, affects and limits the next years' allocation. The staircase's levels were not
  found in the sources at hand, so every association enters them (budget.models.EquityCeilingStep; no invented
  default); without steps the single ceiling of the budget settings applies.

The parameters are fields of budget.models.StateAllocationBasis: the base and the two keys default to the levels
above; the national figures (the state's total, the number of associations, the national inhabitants and
benefits) change yearly and must be entered.

Reading of the keys (the source names them, it gives no formula): the försörjningsmått key is the area's share of
the benefits paid that the measure is made of (kronor per inhabitant and day times inhabitants and days is the
benefits paid, followup/measures.py), the population key the area's share of the inhabitants aged 16–64. So

    estimate = base + (national amount - associations x base) x (75 % x benefits share + 25 % x population share)

each part rounded to whole kronor, the estimate their sum. The state pays half of the member contributions, so
the estimate is the state's contribution; the other members' parts follow from it (members/fees.py).
"""

import datetime
from dataclasses import dataclass
from fractions import Fraction

from budget.models import BudgetSettings, EquityCeilingStep, LineKind, StateAllocationBasis
from budget.record import BudgetView, CeilingSpec
from followup.models import BenefitSum, FollowupSettings
from members.models import MemberKind, MemberOrganisation, Population


def round_kronor(value: Fraction) -> int:
    """Whole kronor, half up, computed exactly (no float on the way)."""
    whole, rest = divmod(value.numerator, value.denominator)
    return whole + (1 if 2 * rest >= value.denominator else 0)


@dataclass(frozen=True)
class AreaFigures:
    population: int | None  # inhabitants of the working-age band in the association's municipalities
    benefits: int | None  # kronor paid in the statistics year
    missing: list[str]  # municipalities without a figure (population or one of the half-years)


def area_figures(association, statistics_year: int) -> AreaFigures:
    """The association's area in the statistics year: inhabitants (latest on or before its end) and benefits."""
    age_band = (
        FollowupSettings.objects.filter(association=association).values_list("age_band", flat=True).first()
        or "16-64"
    )
    municipalities = list(
        MemberOrganisation.objects.filter(association=association, kind=MemberKind.MUNICIPALITY).order_by(
            "name"
        )
    )
    year_end = datetime.date(statistics_year, 12, 31)
    latest: dict[int, tuple] = {}
    for member_id, date, inhabitants in Population.objects.filter(
        member__in=municipalities, age_band=age_band, reference_date__lte=year_end
    ).values_list("member_id", "reference_date", "inhabitants"):
        if member_id not in latest or date > latest[member_id][0]:
            latest[member_id] = (date, inhabitants)
    paid: dict[int, dict[int, int]] = {}
    for member_id, half, amount in BenefitSum.objects.filter(
        member__in=municipalities, year=statistics_year
    ).values_list("member_id", "half", "amount"):
        paid.setdefault(member_id, {})[half] = amount
    missing = [m.name for m in municipalities if m.pk not in latest or len(paid.get(m.pk, {})) < 2]
    if not municipalities or missing:
        return AreaFigures(None, None, missing)
    return AreaFigures(
        sum(latest[m.pk][1] for m in municipalities),
        sum(sum(paid[m.pk].values()) for m in municipalities),
        [],
    )


@dataclass(frozen=True)
class StateEstimate:
    year: int
    base: int  # kronor
    by_measure: int  # kronor, the försörjningsmått key's part
    by_population: int  # kronor, the population key's part
    area: AreaFigures

    @property
    def total(self) -> int:
        """The state's contribution: the sum of its parts (derived, never stored)."""
        return self.base + self.by_measure + self.by_population

    @property
    def member_contributions(self) -> int:
        """All members together, since the state pays half."""
        return 2 * self.total


def estimate_state_contribution(basis: StateAllocationBasis, area: AreaFigures) -> StateEstimate | None:
    """The estimate by the model (see the module's docstring); None when a figure it needs is missing or zero."""
    if area.population is None or area.benefits is None:
        return None
    if not basis.national_population or not basis.national_benefits:
        return None
    distributable = basis.national_amount - basis.associations * basis.base_amount
    measure_share = Fraction(str(basis.measure_share)) / 100
    population_share = Fraction(str(basis.population_share)) / 100
    by_measure = Fraction(distributable) * measure_share * Fraction(area.benefits, basis.national_benefits)
    by_population = (
        Fraction(distributable) * population_share * Fraction(area.population, basis.national_population)
    )
    return StateEstimate(
        basis.year, basis.base_amount, round_kronor(by_measure), round_kronor(by_population), area
    )


def state_estimate(
    association, year: int
) -> tuple[StateEstimate | None, StateAllocationBasis | None, AreaFigures | None]:
    """The estimate for allocation year `year` from its entered basis, with what it is built on."""
    basis = StateAllocationBasis.objects.filter(association=association, year=year).first()
    if basis is None:
        return None, None, None
    area = area_figures(association, basis.statistics_year)
    return estimate_state_contribution(basis, area), basis, area


def ceiling_for(allocated: int, steps: list[EquityCeilingStep]) -> int | None:
    """The reasonable equity for a year's allocated funds by the staircase: the first step that holds them."""
    ordered = sorted(steps, key=lambda s: (s.up_to is None, s.up_to or 0))
    for step in ordered:
        if step.up_to is None or allocated <= step.up_to:
            return round_kronor(Fraction(allocated) * Fraction(str(step.max_share)) / 100)
    return None


@dataclass(frozen=True)
class CeilingStatus:
    year: int
    allocated: int | None  # kronor, the year's member contributions
    ceiling: int | None  # kronor
    rule: str | None  # "steps" (the staircase), "fixed" (the budget settings' single ceiling) or None
    equity: int | None  # kronor at the year's end
    equity_is_actual: bool  # from the outcome, else as budgeted

    @property
    def over(self) -> int | None:
        """Kronor above the ceiling (0 when within it); None when it cannot be judged."""
        if self.ceiling is None or self.equity is None:
            return None
        return max(self.equity - self.ceiling, 0)


_READ = object()


def ceiling_rule(association, allocated: int | None, *, fixed=_READ) -> tuple[int | None, str | None]:
    """Today's equity ceiling for a year with `allocated` kronor of member contributions, and its rule.

    The staircase when steps are entered (it needs the allocation), else the budget settings' single ceiling;
    (None, None) when neither gives one. `fixed`: today's single ceiling, when the caller has read the settings.
    """
    steps = list(EquityCeilingStep.objects.filter(association=association))
    if steps:
        return (ceiling_for(allocated, steps), "steps") if allocated is not None else (None, None)
    if fixed is _READ:
        fixed = (
            BudgetSettings.objects.filter(association=association)
            .values_list("equity_ceiling", flat=True)
            .first()
        )
    return (fixed, "fixed") if fixed is not None else (None, None)


def allocated_in(computed, year: int) -> int | None:
    """The year's member contributions as the budget has them (the member fee line), if it has such a line."""
    fee_line = next((c for c in computed.lines if c.line.kind == LineKind.MEMBER_FEES), None)
    return fee_line.cells[year].value if fee_line else None


def recorded_ceiling(association, view: BudgetView) -> CeilingSpec:
    """The plan year's equity ceiling as it stands now, to be kept in the adoption record of `view`."""
    year = view.plan_year
    allocated = allocated_in(view.computed, year) if year in view.computed.years else None
    ceiling, rule = ceiling_rule(association, allocated)
    return CeilingSpec(year, ceiling, rule)


def view_ceiling(association, view, outcome: dict[int, int]) -> CeilingStatus | None:
    """The equity ceiling of a budget view's plan year, for the budget page and the dashboard alike: an adopted
    version's as kept in its record, a draft's as today's staircase or settings give it.

    A version adopted before ceilings were kept shows none rather than today's (None).
    """
    if view.frozen and view.ceiling is None:
        return None
    return equity_status(
        association,
        view.plan_year,
        computed=view.computed,
        outcome=outcome,
        recorded=view.ceiling,
        # a live view read today's settings for its rules
        fixed=_READ if view.frozen else view.rule_settings.get("equity_ceiling"),
    )


def equity_status(
    association,
    year: int,
    *,
    computed=None,
    outcome: dict[int, int] | None = None,
    recorded: CeilingSpec | None = None,
    fixed=_READ,
) -> CeilingStatus:
    """The equity ceiling of `year` and how the year's equity stands against it (for the budget and dashboard).

    A page that has the year's budget computed already passes it (`computed`, and `outcome` by line id), so
    nothing is computed twice; otherwise the figures are read as the Uppföljning Finsam return reads them.
    An adopted budget passes the ceiling kept in its record (`recorded`, a budget.record.CeilingSpec), so a
    ceiling or staircase changed later does not move it; only an outcome entered later shows beside it.
    """
    from followup.national import actual_equity, budget_figures

    if computed is not None and year in computed.years:
        allocated = allocated_in(computed, year)
        equity_end = computed.equity_end[year]
        equity_actual = actual_equity(computed, outcome or {}, year)
    else:
        figures = budget_figures(association, year)
        allocated, equity_end, equity_actual = figures.allocated, figures.equity_end, figures.equity_actual
    if recorded is not None:
        ceiling, rule = recorded.ceiling, recorded.rule
    else:
        ceiling, rule = ceiling_rule(association, allocated, fixed=fixed)
    actual = equity_actual is not None
    return CeilingStatus(year, allocated, ceiling, rule, equity_actual if actual else equity_end, actual)
