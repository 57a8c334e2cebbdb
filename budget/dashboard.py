"""The budget's panel on the year dashboard: the year's budget state, what comes next, rule warnings, figures."""

from django.utils.translation import gettext as _

from budget.feeds import budget_view, fee_figures, versions_of
from budget.models import Budget, BudgetVersion, VersionStatus
from budget.rules import available_for_new_projects
from finsam.dashboard import KeyFigure, Panel, register_panel, register_years


def _years(association) -> set[int]:
    return set(Budget.objects.filter(association=association).values_list("plan_year", flat=True))


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


def _figures(view, year: int) -> list[KeyFigure]:
    computed = view.computed
    if year not in computed.years:
        return []
    end = computed.equity_end[year]
    floor = view.rule_settings.get("min_liquidity")
    ceiling = view.rule_settings.get("equity_ceiling")
    figures = [
        KeyFigure(
            "member_fees",
            _("Medlemsavgifter %(year)s") % {"year": year},
            fee_figures(computed).get(year),
            order=10,
        ),
        KeyFigure(
            "unallotted",
            _("Ej fördelat: utrymme för nya insatser"),
            available_for_new_projects(end, floor),
            _("eget kapital vid årets slut över lägsta likviditet"),
            order=30,
        ),
        KeyFigure("equity_end", _("Eget kapital vid årets slut (prognos)"), end, order=40),
    ]
    if floor is not None:
        figures.append(KeyFigure("min_liquidity", _("Lägsta likviditet"), floor, order=50))
    if ceiling is not None:
        figures.append(KeyFigure("equity_ceiling", _("Tak för eget kapital"), ceiling, order=60))
    return figures


def _adopted_budgets(association) -> list:
    """Every adopted budget version of the association, newest plan year first, for readers to download."""
    return list(
        BudgetVersion.objects.filter(budget__association=association, status=VersionStatus.ADOPTED)
        .select_related("budget")
        .order_by("-budget__plan_year", "-number")
    )


def _panel(access, year, today):
    budget = versions_of(Budget.objects.filter(association=access.association, plan_year=year)).first()
    versions = list(budget.versions.all()) if budget else []
    state, label, version = _state(versions)
    view = budget_view(version) if version is not None else None
    adopted_versions = [v for v in versions if v.status == VersionStatus.ADOPTED]
    return {
        "year": year,
        "budget": budget,
        "state": state,
        "state_label": label,
        "version": version,
        "latest": versions[-1] if versions else None,
        "adopted_versions": adopted_versions,
        "breaches": view.rule_results if view else [],
        "figures": _figures(view, year) if view else [],
        "documents": [] if access.can_edit else _adopted_budgets(access.association),
    }


def register() -> None:
    register_years(_years)
    register_panel(Panel("budget", "budget/partials/dashboard.html", _panel, order=20))
