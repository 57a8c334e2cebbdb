"""The budget app's block in the annual plan, and what adopting a plan requires of its budgets.

A budget section shows the plan year's budget with all its columns, unless its settings name the years (the
columns) to show. Each year is taken from the plan year's budget when that budget has a column for it, and
otherwise from the budget of that year: the combined plan 2009–2010 of Landskrona-Svalöv shows "2009, 2010"
(the budget for September–December 2009 and the budget 2010), RAR's plan 2005/06 the Delår 2005 and Helår 2006
columns of its one budget; a year neither has comes from any budget with a column for it. Each budget shown
is one table, built from that budget's own view: an adopted version from its adoption record only, a draft
live; the two are never mixed in one table.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budget import services
from budget.exports import budget_table, outcome_and_examples, outcome_table
from budget.feeds import budget_view, source_changes, versions_of
from budget.models import Budget, BudgetColumn, BudgetVersion
from budget.record import BudgetView
from finsam.lib.tables import Table
from finsam.plan.blocks import Block, no_outcome, register, register_workbook_extra


@dataclass
class Shown:
    """One budget as the block shows it: its version and the column years chosen from it."""

    version: BudgetVersion
    view: BudgetView
    years: list[int]


def _newest_versions(association, plan_years: list[int] | None = None) -> dict[int, BudgetVersion]:
    """Per plan year (all, or `plan_years`), the version a plan shows: the newest one (a revision in progress
    included)."""
    newest = {}
    budgets = Budget.objects.filter(association=association).select_related("association")
    if plan_years is not None:
        budgets = budgets.filter(plan_year__in=plan_years)
    for budget in versions_of(budgets):
        versions = list(budget.versions.all())
        if versions:
            newest[budget.plan_year] = versions[-1]
    return newest


def chosen_budgets(plan, years: list[int] | None) -> tuple[list[Shown], list[int]]:
    """The budgets a budget section shows, in the order of the years asked for, and the years no budget has.

    `years` None: the plan year's budget with all its columns. Otherwise each year's column is taken from the
    first budget that has one: the plan year's, that year's own, one already shown, then the nearest in time.
    """
    if years is None:
        newest = _newest_versions(plan.association, [plan.year])  # the plan year's budget only
        if plan.year not in newest:
            return [], []
        view = budget_view(newest[plan.year])
        return [Shown(newest[plan.year], view, [c.year for c in view.columns])], []
    newest = _newest_versions(plan.association)
    # Columns of an adopted version are locked with it, so its rows say which years its record holds.
    column_years: dict[int, set[int]] = {}
    by_version = {version.pk: plan_year for plan_year, version in newest.items()}
    for version_id, year in BudgetColumn.objects.filter(version__in=list(newest.values())).values_list(
        "version", "year"
    ):
        column_years.setdefault(by_version[version_id], set()).add(year)
    shown: dict[int, Shown] = {}  # budget plan year -> what is shown of it, in order of first use
    missing = []
    for year in years:
        candidates = [plan.year, year, *shown, *sorted(newest, key=lambda y: (abs(y - year), y))]
        source = next((c for c in candidates if year in column_years.get(c, ())), None)
        if source is None:
            missing.append(year)
            continue
        if source not in shown:
            shown[source] = Shown(newest[source], budget_view(newest[source]), [])
        if year not in shown[source].years:
            shown[source].years.append(year)
    return list(shown.values()), missing


def _section_years(section) -> list[int] | None:
    return section.years() if section.block_years.strip() else None


def _no_budget_table(caption: str, note: str) -> Table:
    return Table(key="budget", caption=caption, columns=[], notes=[note])


def _budget(plan, section):
    shown, missing = chosen_budgets(plan, _section_years(section))
    if not shown and not missing:
        return [
            _no_budget_table(
                _("Budget %(year)s") % {"year": plan.year}, _("Ingen budget är upplagd för året.")
            )
        ]
    tables = []
    for item in shown:
        view = item.view.only(item.years)
        # An adopted budget stays as adopted; where its fed figures differ from today's sources (which the
        # plan's other tables show), the table says so with both figures rather than mixing two moments.
        table = budget_table(view, source_changes=source_changes(view, plan.association))
        if item.view.plan_year != plan.year:  # a plan may show several budgets: one key (and anchor) each
            table.key = f"budget-{item.view.plan_year}"
        tables.append(table)
    if missing:
        tables.append(_no_budget_table(_("Budget"), _missing_message(missing)))
    return tables


def _missing_message(years: list[int]) -> str:
    return _("Ingen budget har en kolumn för %(years)s.") % {"years": ", ".join(str(y) for y in years)}


def _check_years(plan, years: list[int]) -> str | None:
    """What the section settings form says when a year asked for is in no budget of the association."""
    _shown, missing = chosen_budgets(plan, years)
    if not missing:
        return None
    return _(
        "%(message)s Ange år som finns som kolumn i planårets budget eller som en egen budget, eller lämna "
        "fältet tomt för planårets budget."
    ) % {"message": _missing_message(missing)}


def _prepare_adoption(plan, section, *, adopted_on, reference, adopt_dependencies, by) -> None:
    """A plan is adopted with adopted budgets: every one it shows, adopted in the same step if asked to."""
    shown, missing = chosen_budgets(plan, _section_years(section))
    if not shown and not missing:
        raise ValidationError(
            _(
                "Planen har ett budgetavsnitt men det finns ingen budget för %(year)s. Lägg upp budgeten eller "
                "ta bort avsnittet."
            )
            % {"year": plan.year}
        )
    if missing:
        raise ValidationError(
            _("Budgetavsnittet %(heading)s: %(message)s Ändra avsnittets år.")
            % {"heading": section.heading, "message": _missing_message(missing)}
        )
    drafts = [item.version for item in shown if not item.version.is_adopted]
    if drafts and not adopt_dependencies:
        version = drafts[0]
        raise ValidationError(
            _(
                "Budgeten för %(year)s (version %(number)s) är inte fastställd. Fastställ den först, eller "
                "välj att fastställa den samtidigt med planen."
            )
            % {"year": version.budget.plan_year, "number": version.number}
        )
    for version in drafts:
        services.adopt(version=version, adopted_on=adopted_on, reference=reference, by=by)


def _outcome_sheet(plan) -> list[Table]:
    """The plan's workbook carries the year's outcome against the plan year's budget, once entered."""
    shown, _missing = chosen_budgets(plan, None)
    if not shown:
        return []
    table = outcome_table(shown[0].view, *outcome_and_examples(plan.association, plan.year))
    return [table] if table else []


def _year_outcome(plan, section):
    """The report's economic outcome: the year's budget line by line against the outcome, with the deviation.

    The budget is the one the plan of the year shows (its newest version); without any outcome registered for
    the year the section says so instead of showing a column of zeros.
    """
    caption = _("Utfall %(year)s mot budget") % {"year": plan.year}
    shown, _missing = chosen_budgets(plan, None)
    if not shown:
        return [
            Table(key="outcome", caption=caption, columns=[], notes=[_("Ingen budget är upplagd för året.")])
        ]
    outcome, examples = outcome_and_examples(plan.association, plan.year)
    if not outcome:
        return [no_outcome("outcome", caption, plan.year)]
    table = outcome_table(shown[0].view, outcome, examples)
    return [table or Table(key="outcome", caption=caption, columns=[], notes=[_missing_message([plan.year])])]


def register_blocks() -> None:
    register(
        Block(
            "budget",
            gettext_lazy("Budget"),
            _budget,
            prepare_adoption=_prepare_adoption,
            check_years=_check_years,
        )
    )
    register_workbook_extra(_outcome_sheet)
    register(
        Block("outcome", gettext_lazy("Ekonomiskt utfall mot budget"), _year_outcome, documents=("report",))
    )
