"""The year dashboard: a registry the core owns and the apps fill, as the plan's block registry works.

The core does not know the apps. Each app registers in its `AppConfig.ready()` (in its `dashboard.py`):
- panels: a template and a function that builds the template's context for one association and year
  (`build(access, year, today) -> dict | None`; None when the panel has nothing to say that year);
- key figures: a panel's context may carry `figures` (a list of KeyFigure), which the dashboard draws together
  in one panel with a chart, so each figure is computed once, by the app that owns it;
- years with data: `years(association) -> list` of year queries (`year_query`), so the dashboard and the menu
  open on the latest year that has something in it and offer only the years that do; every app's queries are
  asked together, in one UNION (`years_in`).

Every figure a panel shows comes from its app's own computations (fees, project amounts, the budget view);
the dashboard only composes them.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from finsam.lib.periods import is_valid_plan_year

# the session's note of the visit before this one, per association (see finsam.views._last_visit)
SINCE_KEY = "finsam_dashboard_since"

OFFICE = "office"  # the variant for office staff: what to do next
READER = "reader"  # board members and auditors: what to read, what changed


@dataclass(frozen=True)
class Panel:
    key: str
    template: str  # "" for a panel that only gives key figures
    build: Callable  # (access, year, today) -> dict | None
    order: int = 100
    variants: frozenset = frozenset({OFFICE, READER})


@dataclass(frozen=True)
class KeyFigure:
    key: str
    label: str
    amount: int | None  # kronor; None: the source has no figure for the year
    note: str = ""
    order: int = 100


@dataclass(frozen=True)
class ShownPanel:
    key: str
    template: str
    context: dict


_PANELS: dict[str, Panel] = {}
_YEARS: list[Callable] = []


def register_panel(panel: Panel) -> None:
    _PANELS[panel.key] = panel


def year_query(queryset, field: str = "year"):
    """The years of `field`, as a query to unite with others (`years_in`); without the models' default ordering,
    which would join the association into the query only to sort."""
    return queryset.order_by().values_list(field, flat=True)


def years_in(queries) -> set[int]:
    """Each year of several year queries once, asked in one query (UNION drops the repeats); none: no years."""
    if not queries:
        return set()
    first, *rest = queries
    return set(first.union(*rest) if rest else first.distinct())


def distinct_years(queryset, field: str = "year") -> set[int]:
    """Each year of `field` once, for a page's `years` function."""
    return years_in([year_query(queryset, field)])


def register_years(years: Callable) -> None:
    if years not in _YEARS:
        _YEARS.append(years)


@receiver(user_logged_in, dispatch_uid="finsam_dashboard_new_visit_at_login")
def _new_visit_at_login(sender, request, user, **kwargs):
    """Logging in starts a new visit: "changed since your last visit" is worked out afresh."""
    if request is not None and hasattr(request, "session"):
        request.session.pop(SINCE_KEY, None)


def variant_for(access) -> str:
    return OFFICE if access.can_edit else READER


def years_with_data(association, today: datetime.date | None = None) -> list[int]:
    """Plan years in which any app holds data, newest first, within the years the product plans."""
    today = today or datetime.date.today()
    found = years_in([query for years in _YEARS for query in years(association)])
    return sorted((year for year in found if is_valid_plan_year(year, today)), reverse=True)


def latest_year(association, today: datetime.date | None = None, years: list[int] | None = None) -> int:
    """The newest plan year with data, or this year when there is none yet."""
    today = today or datetime.date.today()
    years = years_with_data(association, today) if years is None else years
    return years[0] if years else today.year


def panels_for(access, year: int, today: datetime.date) -> list[ShownPanel]:
    variant = variant_for(access)
    shown = []
    for panel in sorted(_PANELS.values(), key=lambda p: (p.order, p.key)):
        if variant not in panel.variants:
            continue
        context = panel.build(access, year, today)
        if context is not None:
            shown.append(ShownPanel(panel.key, panel.template, context))
    return shown


def key_figures(shown: list[ShownPanel]) -> list[KeyFigure]:
    """The figures the shown panels give; the first panel with an amount for a key wins (panels in order)."""
    figures: dict[str, KeyFigure] = {}
    for panel in shown:
        for figure in panel.context.get("figures", ()):
            if figures.get(figure.key) is None or figures[figure.key].amount is None:
                figures[figure.key] = figure
    return sorted(figures.values(), key=lambda figure: figure.order)


@dataclass(frozen=True)
class YearPage:
    """A page of one year that the menu opens on the latest year with data (`/<slug>/senaste/<key>/`)."""

    key: str
    url_name: str
    year_in_query: bool = False  # ?ar=YYYY rather than /<year>/ in the path
    # the years this page has data for (its own, not the association's): it opens on the latest of them
    years: Callable | None = None  # (association) -> set[int]


_YEAR_PAGES: dict[str, YearPage] = {}


def register_year_page(page: YearPage) -> None:
    _YEAR_PAGES[page.key] = page


def year_page(key: str) -> YearPage | None:
    return _YEAR_PAGES.get(key)
