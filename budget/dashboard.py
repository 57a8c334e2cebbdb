"""The budget's panel on the year dashboard: the year's budget state, what comes next, rule warnings, figures."""

from django.utils.translation import gettext as _

from budget.allocation import CeilingStatus, view_ceiling
from budget.compute import unallotted_to_projects
from budget.exports import outcome_by_line
from budget.feeds import budget_view, fee_figures, versions_of
from budget.models import Budget, BudgetVersion, VersionStatus
from budget.rules import available_for_new_projects
from finsam.dashboard import KeyFigure, Panel, register_panel, register_years, year_query
from finsam.lib.money import format_kr


def _year_queries(association) -> list:
    return [year_query(Budget.objects.filter(association=association), "plan_year")]


def _state(versions) -> tuple[str, str, object]:
    """(state key, label, the version that counts): no budget, draft, adopted, or a revision in progress."""
    if not versions:
        return "none", _("Ingen budget"), None
    latest = versions[-1]
    adopted = [v for v in versions if v.status == VersionStatus.ADOPTED]
    if latest.status == VersionStatus.DRAFT and adopted:
        return "revision", _("Revision pågår (version %(n)s)") % {"n": latest.number}, adopted[-1]
    if latest.status == VersionStatus.DRAFT:
        return "draft", _("Utkast (version %(n)s)") % {"n": latest.number}, latest
    label = _("Fastställd %(date)s (version %(n)s)") % {
        "date": latest.adopted_on.isoformat(),
        "n": latest.number,
    }
    if latest.revision_note:
        label = f"{label} · {latest.revision_note}"
    return "adopted", label, latest


def _figures(view, year: int, ceiling: CeilingStatus | None) -> list[KeyFigure]:
    computed = view.computed
    if year not in computed.years:
        return []
    end = computed.equity_end[year]
    floor = view.rule_settings.get("min_liquidity")
    figures = [
        KeyFigure(
            "member_fees",
            _("Medlemsavgifter %(year)s") % {"year": year},
            fee_figures(computed).get(year),
            order=10,
        ),
        # what the budget table's row "Ej fördelat på insatser" says: budgeted for projects, granted to none
        KeyFigure(
            "unallotted",
            _("Ej fördelat på insatser"),
            unallotted_to_projects(computed, year),
            _("budgeterat för insatser men ännu inte beviljat"),
            order=30,
        ),
        KeyFigure(
            "above_liquidity_floor",
            _("Utrymme över likviditetsgolvet"),
            available_for_new_projects(end, floor),
            _("eget kapital vid årets slut över lägsta likviditet"),
            order=35,
        ),
        KeyFigure("equity_end", _("Eget kapital vid årets slut (prognos)"), end, order=40),
    ]
    if floor is not None:
        figures.append(KeyFigure("min_liquidity", _("Lägsta likviditet"), floor, order=50))
    if ceiling is not None and ceiling.ceiling is not None:
        label = (
            _("Rimligt eget kapital enligt trappan") if ceiling.rule == "steps" else _("Tak för eget kapital")
        )
        figures.append(KeyFigure("equity_ceiling", label, ceiling.ceiling, order=60))
    return figures


def _ceiling_warning(ceiling: CeilingStatus | None, breaches) -> str:
    """The staircase's (or the fixed ceiling's) warning, unless the rules already gave the fixed one."""
    if ceiling is None or not ceiling.over:
        return ""
    if any(b.rule == "equity_ceiling" and b.year == ceiling.year for b in breaches):
        return ""
    return _(
        "Det egna kapitalet är %(over)s över den rimliga nivån. Enligt statens fördelningsmodell påverkar och "
        "begränsar det kommande års medelstilldelning."
    ) % {"over": format_kr(ceiling.over)}


def _adopted_budgets(association) -> list:
    """Every adopted budget version of the association, newest plan year first, for readers to download."""
    return list(
        BudgetVersion.objects.filter(budget__association=association, status=VersionStatus.ADOPTED)
        .select_related("budget")
        .order_by("-budget__plan_year", "-number")
    )


def _panel(access, year, today):
    budget = versions_of(
        Budget.objects.filter(association=access.association, plan_year=year).select_related("association")
    ).first()
    versions = list(budget.versions.all()) if budget else []
    state, label, version = _state(versions)
    view = budget_view(version) if version is not None else None
    ceiling = None
    if view is not None and year in view.computed.years:
        # the figure and warning the budget page shows: an adopted version's kept ceiling, else today's
        ceiling = view_ceiling(access.association, view, outcome_by_line(access.association, year))
    breaches = view.rule_results if view else []
    adopted_versions = [v for v in versions if v.status == VersionStatus.ADOPTED]
    return {
        "year": year,
        "budget": budget,
        "state": state,
        "state_label": label,
        "version": version,
        "latest": versions[-1] if versions else None,
        "adopted_versions": adopted_versions,
        "breaches": breaches,
        "ceiling_warning": _ceiling_warning(ceiling, breaches),
        "figures": _figures(view, year, ceiling) if view else [],
        "documents": [] if access.can_edit else _adopted_budgets(access.association),
    }


def register() -> None:
    register_years(_year_queries)
    register_panel(Panel("budget", "budget/partials/dashboard.html", _panel, order=20))
