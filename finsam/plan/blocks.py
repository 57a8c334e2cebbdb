"""Generated blocks of the plan: a registry the plan owns and the apps fill.

The plan does not know the apps. Each app registers the blocks it can build in its `AppConfig.ready()` (as
Django's admin collects `admin.py` and Wagtail collects hooks): a block names a function that builds its tables
from the app's data. The preview page, the PDF and the workbook all render those same tables, so they cannot
disagree. A block may also say what adopting the plan requires of it (the budget block: an adopted budget).

The year's report (a plan of the kind "report") has blocks of its own, which set the year's outcome against
the plan; they are offered only there (`documents`), while the plan's blocks may serve in a report too. A block
that needs outcome figures says so when none is registered for the year (`no_outcome`), rather than showing
zeros that would read as results.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from finsam.lib.tables import Table


@dataclass(frozen=True)
class Block:
    key: str
    label: str
    build: Callable  # (plan, section) -> list[Table]
    # (plan, section, *, adopted_on, reference, adopt_dependencies, by) -> None; raises ValidationError with a
    # message for the office when the plan cannot be adopted yet (e.g. its budget is still a draft).
    prepare_adoption: Callable | None = None
    chart: Callable | None = None  # (tables) -> SVG or None
    # (plan, years) -> a message for the section form when the block cannot show those years, else None
    check_years: Callable | None = None
    documents: tuple[str, ...] = (
        "plan",
        "report",
    )  # the kinds of plan (finsam.plan.models.PlanKind) it serves


_BLOCKS: dict[str, Block] = {}
_WORKBOOK_EXTRAS: list[Callable] = []


def register(block: Block) -> None:
    _BLOCKS[block.key] = block


def register_workbook_extra(build: Callable) -> None:
    """A table the plan's workbook carries after the plan's own (`build(plan) -> list[Table]`)."""
    if build not in _WORKBOOK_EXTRAS:
        _WORKBOOK_EXTRAS.append(build)


def get(key: str) -> Block | None:
    return _BLOCKS.get(key)


def block_choices(document: str = "plan") -> list[tuple[str, str]]:
    return [(key, str(block.label)) for key, block in _BLOCKS.items() if document in block.documents]


def workbook_extras(plan) -> list[Table]:
    """The apps' sheets after a plan's own; a report's workbook holds its own tables only, as its PDF does."""
    if plan.kind != "plan":
        return []
    return [table for build in _WORKBOOK_EXTRAS for table in build(plan)]


def no_outcome_note(year: int) -> str:
    return _("Inget utfall registrerat för %(year)s.") % {"year": year}


def no_outcome(key: str, caption: str, year: int) -> Table:
    """A report block's answer when nothing of the year's outcome is registered: a note, never zeros."""
    return Table(key=key, caption=caption, columns=[], notes=[no_outcome_note(year)])


def chart_for(block: Block, tables: list[Table]) -> SafeString | None:
    return block.chart(tables) if block.chart else None
