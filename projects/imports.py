"""Importing a project list kept in Excel: name, owner, area, focus, period, total and yearly amounts.

The layout read (RAR 2010's "Befintliga projekt"): a header row naming the columns (Nr, Projekt, Omr., Inriktning,
Start, Slut, Budget totalt, and one column per year such as "Beräknat utfall 2010"), one row per project and
perhaps a "Summa" row, which is checked against the rows and never stored. Each new project is registered as a
grant of its total (projects/services.py); the years the file gives keep their amounts and the rest of the total
is spread over the period pro rata to days, so years and total always agree. A project already in the product
(same name) is shown and left as it is.

A one-year list (RAR 2023's "Samverkansinsatser": name, owner and the year's amount, no period and no total) is
read too: the year may head its column on a row above the names. Such a project's period is the calendar year(s)
it has amounts for, known to the year only and marked as an unknown period (as the demo stores RAR 2023's), and its
total is the sum of its amounts; a project listed at 0 kr is registered without a grant, as planned.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from finsam.importing import Preview, Row, UnitUploadForm
from finsam.lib.money import format_kr
from finsam.lib.periods import DatePrecision
from finsam.lib.sheets import (
    Cell,
    NumberError,
    Sheet,
    date_in,
    format_figure,
    is_sum_label,
    label_problem,
    normalise,
    parse_number,
    unit_hint,
    whole,
    year_in,
)
from members.models import MemberKind, MemberOrganisation
from projects.amounts import propose_split
from projects.models import Decision, Project, ProjectStatus, StartStatus

ProjectUploadForm = UnitUploadForm

COLUMNS = [  # header word -> field; the first that matches a header cell names its column
    (re.compile(r"^(nr|nummer|projektnummer)\b"), "number"),
    (re.compile(r"ägare"), "owner"),
    (re.compile(r"^(omr|område)"), "area"),
    (re.compile(r"inriktning|fokus"), "focus"),
    (re.compile(r"^start"), "start"),
    (re.compile(r"^slut"), "end"),
    (re.compile(r"totalt|^total"), "total"),
    (re.compile(r"projekt|insats|namn"), "name"),
]


@dataclass
class ProjectRow:
    cell: Cell
    name: str
    number: str = ""
    owner: MemberOrganisation | None = None
    area: list = field(default_factory=list)
    whole_county: bool = False
    focus: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None
    total: int | None = None
    years: dict[int, int] = field(default_factory=dict)
    existing: Project | None = None
    split: dict[int, int] = field(default_factory=dict)
    year_only: bool = (
        False  # a one-year list's project: the period is the calendar year(s), the total the sum
    )


def _header(sheets: list[Sheet]):
    for sheet in sheets:
        for index, row in enumerate(sheet.rows):
            columns, years = {}, {}
            for cell in row:
                text = normalise(cell.text) if isinstance(cell.value, str) else ""
                found = next((name for pattern, name in COLUMNS if text and pattern.search(text)), None)
                if found == "total" or found is None:
                    year = year_in(cell.value)
                    if year and found is None:
                        years[cell.column] = year
                        continue
                if found and found not in columns.values():
                    columns[cell.column] = found
            if "name" in columns.values() and not years and "total" not in columns.values():
                years = _years_above(sheet, index, columns)
            if "name" in columns.values() and ("total" in columns.values() or years):
                return sheet, index, columns, years
    return None


def _years_above(sheet: Sheet, index: int, columns: dict) -> dict[int, int]:
    """Year headings over a header row's empty columns (RAR 2023: "Budget 2023" a row above "Namn på insats")."""
    years: dict[int, int] = {}
    for row in reversed(sheet.rows[max(0, index - 3) : index]):
        for cell in row:
            year = year_in(cell.value) if cell.column not in columns else None
            if year and cell.column not in years:
                years[cell.column] = year
    return years


def _date(cell: Cell | None, errors: list[str]) -> datetime.date | None:
    if cell is None:
        return None
    found = date_in(cell.value)
    if found is None:
        errors.append(
            _("%(where)s: ”%(text)s” är inget datum (ÅÅÅÅ-MM-DD).")
            % {"where": cell.where(), "text": cell.text[:40]}
        )
    return found


def preview(association, sheets: list[Sheet], options: dict) -> Preview:
    result = Preview()
    errors = result.errors
    found = _header(sheets)
    if found is None:
        errors.append(
            _(
                "Ingen insatslista hittades: filen behöver en rubrikrad med t.ex. ”Projekt”, ”Start”, ”Slut” och ”Budget totalt”."
            )
        )
        return result
    sheet, index, columns, year_columns = found
    for cell in sheet.unevaluated:
        errors.append(
            _(
                "%(where)s: formeln %(formula)s har inget sparat värde. Öppna filen i Excel, spara den och ladda upp den igen."
            )
            % {"where": cell.where(), "formula": str(cell.value)[:60]}
        )
    unit = options.get("unit", "auto")
    factor = {"kr": 1, "tkr": 1000}.get(unit)
    if factor is None:
        factor = next(
            (
                unit_hint(c.text)
                for r in sheet.rows[: index + 1]
                for c in r
                if isinstance(c.value, str) and unit_hint(c.text)
            ),
            1,
        )
    years = sorted(year_columns.values())
    one_year = "start" not in columns.values() and "total" not in columns.values()
    result.columns = [_("Totalt")] + [str(y) for y in years]
    members = list(MemberOrganisation.objects.filter(association=association))
    by_name = {normalise(m.name): m for m in members}
    projects = {normalise(p.name): p for p in Project.objects.filter(association=association)}
    rows: list[ProjectRow] = []
    for row in sheet.rows[index + 1 :]:
        cells = {columns.get(c.column): c for c in row if c.column in columns}
        amounts = {year_columns[c.column]: c for c in row if c.column in year_columns}
        for cell in row:
            if isinstance(cell.value, str):
                problem = label_problem(cell)
                if problem:
                    errors.append(problem)
        name_cell = cells.get("name") or next((c for c in row if isinstance(c.value, str)), row[0])
        name = name_cell.text[:200]
        figures: dict[str, tuple[Decimal, Cell]] = {}
        for key, cell in [("total", cells.get("total"))] + [(y, c) for y, c in amounts.items()]:
            if cell is None:
                continue
            try:
                number = parse_number(cell.value)
            except NumberError as error:
                errors.append(f"{cell.where()}: {error}")
                continue
            if number is not None:
                figures[key] = (number, cell)
        shown = [format_figure(figures[k][0]) if k in figures else "" for k in ["total", *years]]
        if is_sum_label(name) or any(is_sum_label(c.text) for c in row if isinstance(c.value, str)):
            for key, (number, cell) in figures.items():
                parts = sum((r.total if key == "total" else r.years.get(key, 0)) or 0 for r in rows)
                try:
                    printed = whole(number, factor)
                except NumberError:
                    continue
                if printed != parts:
                    result.differences.append(
                        _("%(where)s: %(label)s: %(printed)s i filen, %(computed)s enligt raderna")
                        % {
                            "where": cell.where(),
                            "label": name,
                            "printed": format_figure(Decimal(printed) / factor),
                            "computed": format_figure(Decimal(parts) / factor),
                        }
                    )
            result.rows.append(Row(name_cell.where(), name, _("summa: kontrolleras, sparas inte"), shown))
            continue
        if not name:
            continue
        item = ProjectRow(name_cell, name, number=cells["number"].text[:20] if "number" in cells else "")
        for key, (number, cell) in figures.items():
            try:
                kronor = whole(number, factor)
            except NumberError as error:
                errors.append(f"{cell.where()}: {error}")
                continue
            if kronor < 0:
                errors.append(_("%(where)s: ett belopp kan inte vara negativt.") % {"where": cell.where()})
            elif key == "total":
                item.total = kronor
            else:
                item.years[key] = kronor
        rows.append(item)
        item.existing = projects.get(normalise(name))
        if item.existing is not None:
            result.rows.append(Row(name_cell.where(), name, _("befintlig insats: ändras inte"), shown))
            continue
        notes = []
        if "owner" in cells:
            item.owner = by_name.get(normalise(cells["owner"].text))
            if item.owner is None:
                notes.append(
                    _("insatsägaren ”%(owner)s” finns inte bland medlemmarna och lämnas tom")
                    % {"owner": cells["owner"].text[:60]}
                )
        if "area" in cells:
            area = cells["area"].text
            if re.search(r"\blän\b", area, re.IGNORECASE):
                item.whole_county = True
            else:
                item.area = [
                    m
                    for m in members
                    if m.kind == MemberKind.MUNICIPALITY and normalise(m.name) in normalise(area)
                ]
                if not item.area:
                    notes.append(
                        _("området ”%(area)s” känns inte igen och lämnas tomt") % {"area": area[:60]}
                    )
        item.focus = cells["focus"].text[:200] if "focus" in cells else ""
        if one_year:
            if not item.years:
                errors.append(_("%(where)s: insatsen saknar belopp för året.") % {"where": name_cell.where()})
            else:
                _one_year(item, notes)
            split = ", ".join(f"{y}: {format_kr(a)}" for y, a in item.split.items())
            target = _("ny insats; per år %(split)s") % {"split": split} if split else _("ny insats")
            result.rows.append(Row(name_cell.where(), name, "; ".join([target, *notes]), shown, new=True))
            continue
        item.start = _date(cells.get("start"), errors)
        item.end = _date(cells.get("end"), errors)
        if item.start is None and "start" not in cells:
            errors.append(_("%(where)s: insatsen saknar startdatum.") % {"where": name_cell.where()})
        if item.total is None:
            errors.append(_("%(where)s: insatsen saknar totalbelopp.") % {"where": name_cell.where()})
        elif item.start and item.total > 0:
            end = item.end or item.start
            if end < item.start:
                errors.append(
                    _("%(where)s: insatsen slutar innan den börjar.") % {"where": cells["end"].where()}
                )
            else:
                try:
                    if sum(item.years.values()) > item.total:
                        raise ValueError("the years exceed the total")
                    item.split = propose_split(item.total, item.start, end, fixed=item.years)
                except ValueError:
                    errors.append(
                        _(
                            "%(where)s: åren (%(years)s) går inte ihop med totalbeloppet %(total)s inom perioden %(start)s–%(end)s."
                        )
                        % {
                            "where": name_cell.where(),
                            "years": ", ".join(f"{y}: {format_kr(a)}" for y, a in sorted(item.years.items())),
                            "total": format_kr(item.total),
                            "start": item.start.isoformat(),
                            "end": end.isoformat(),
                        }
                    )
                outside = [y for y in item.years if not item.start.year <= y <= end.year and item.years[y]]
                if outside:
                    errors.append(
                        _("%(where)s: %(years)s ligger utanför insatsens period.")
                        % {"where": name_cell.where(), "years": ", ".join(map(str, outside))}
                    )
        elif item.total == 0:
            errors.append(
                _("%(where)s: ett beviljat totalbelopp måste vara större än 0 kr.")
                % {"where": cells["total"].where()}
            )
        split = ", ".join(f"{y}: {format_kr(a)}" for y, a in item.split.items())
        target = _("ny insats; per år %(split)s") % {"split": split} if split else _("ny insats")
        if notes:
            target += "; " + "; ".join(notes)
        result.rows.append(Row(name_cell.where(), name, target, shown, new=True))
    result.plan = [r for r in rows if r.existing is None]
    if factor == 1000:
        result.notes.append(_("Beloppen läses i tkr."))
    return result


def _one_year(item: ProjectRow, notes: list[str]) -> None:
    """A project a one-year list gives only its amounts: the period is their calendar years, the total their sum."""
    first, last = min(item.years), max(item.years)
    item.year_only = True
    item.start, item.end = datetime.date(first, 1, 1), datetime.date(last, 12, 31)
    item.total = sum(item.years.values())
    item.split = {year: amount for year, amount in sorted(item.years.items()) if amount}
    period = str(first) if first == last else f"{first}–{last}"
    notes.append(
        _("bara årets belopp: perioden blir %(period)s (okänd period) och totalbeloppet %(total)s")
        % {"period": period, "total": format_kr(item.total)}
    )
    if not item.total:
        notes.append(_("inget belopp: registreras som planerad, utan beslut"))


def apply(association, preview: Preview) -> str:
    from projects import services

    today = datetime.date.today()
    for item in preview.plan:
        end = item.end or item.start
        if item.year_only and not item.total:
            status = ProjectStatus.PLANNED  # listed at 0 kr: nothing granted yet
        elif item.start > today:
            status = ProjectStatus.PLANNED
        elif end >= today:
            status = ProjectStatus.RUNNING
        else:
            status = ProjectStatus.ENDED
        project = Project(
            association=association,
            number=item.number,
            name=item.name,
            owner=item.owner,
            whole_county=item.whole_county,
            focus=item.focus,
            start=item.start,
            end=item.end,
            status=status,
        )
        if item.year_only:
            project.start_precision = project.end_precision = DatePrecision.YEAR
            project.start_status = StartStatus.UNKNOWN
        decision = Decision(granted_amount=item.total) if item.total else None
        try:
            services.register_project(project=project, decision=decision, area=item.area)
            if decision is not None:
                services.set_year_amounts(project=project, amounts=item.split)
        except ValidationError as error:
            raise ValidationError(f"{item.cell.where()}: {' '.join(error.messages)}") from error
    return _("%(count)s nya insatser med belopp per år.") % {"count": len(preview.plan)}
