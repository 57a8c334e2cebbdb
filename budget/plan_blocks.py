"""The budget app's block in the annual plan, and what adopting a plan requires of its budget."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budget import services
from budget.exports import budget_table, outcome_by_line, outcome_table
from budget.feeds import budget_view, source_changes, versions_of
from budget.models import Budget
from finsam.lib.tables import Table
from finsam.plan.blocks import Block, register, register_workbook_extra


def _plan_version(plan):
    """The version a plan shows: the newest one (a revision in progress included), adopted or not."""
    budget = versions_of(Budget.objects.filter(association=plan.association, plan_year=plan.year)).first()
    versions = list(budget.versions.all()) if budget else []
    return versions[-1] if versions else None


def _budget(plan, section):
    version = _plan_version(plan)
    if version is None:
        return [
            Table(
                key="budget",
                caption=_("Budget %(year)s") % {"year": plan.year},
                columns=[],
                notes=[_("Ingen budget är upplagd för året.")],
            )
        ]
    view = budget_view(version)
    # An adopted budget stays as adopted; where its fed figures differ from today's sources (which the plan's
    # other tables show), the table says so with both figures rather than mixing two moments silently.
    return [budget_table(view, source_changes=source_changes(view, plan.association))]


def _prepare_adoption(plan, section, *, adopted_on, reference, adopt_dependencies, by) -> None:
    """A plan is adopted with an adopted budget: the one it shows, adopted in the same step if asked to."""
    version = _plan_version(plan)
    if version is None:
        raise ValidationError(
            _(
                "Planen har ett budgetavsnitt men det finns ingen budget för %(year)s. Lägg upp budgeten eller "
                "ta bort avsnittet."
            )
            % {"year": plan.year}
        )
    if version.is_adopted:
        return
    if not adopt_dependencies:
        raise ValidationError(
            _(
                "Budgeten för %(year)s (version %(number)s) är inte fastställd. Fastställ den först, eller "
                "välj att fastställa den samtidigt med planen."
            )
            % {"year": plan.year, "number": version.number}
        )
    services.adopt(version=version, adopted_on=adopted_on, reference=reference, by=by)


def _outcome_sheet(plan) -> list[Table]:
    """The plan's workbook carries the year's outcome against the budget the plan shows, once entered."""
    version = _plan_version(plan)
    if version is None:
        return []
    table = outcome_table(budget_view(version), outcome_by_line(plan.association, plan.year))
    return [table] if table else []


def register_blocks() -> None:
    register(Block("budget", gettext_lazy("Budget"), _budget, prepare_adoption=_prepare_adoption))
    register_workbook_extra(_outcome_sheet)
