"""Importing a budget table kept in Excel: lines × years, with the sum rows the file prints.

The layout read (as the source plans print it): a header row naming the years ("Prognos 2009", "Budget 2010",
or a bare 2010 under "Budget"), a label column on the left, optional headings ("INTÄKTER", "Verksamhetens
kostnader", "Finansiella intäkter" …), and rows of amounts. The sign habit is read from the file: where income is
printed negative (RAR 2010), it is stored as a positive magnitude like every budget amount.

Printed sums are recognised by their label ("Summa", "S:a", "Totalt", "… resultat") and checked, never stored:
- a sum in a group sums that group's lines above it, back to the group's previous sum (as `subtotal_members`
  computes it in budget/compute.py);
- a "resultat" row is income less costs over all lines (in the file's sign habit);
- rows listed under a line after a sub-heading (RAR 2023: "Namn på insats | Insatsägare" under
  "Samverkansinsatser") are that line's parts: the line's printed figure and the "Summa …" closing the list are
  checked against them, and the line itself is fed by the product's projects, so only the parts count.
Every difference is reported with both figures; the product computes every sum itself.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budget.models import (
    FED_KINDS,
    GROUP_SIGN,
    Budget,
    BudgetAmount,
    BudgetColumn,
    BudgetLine,
    BudgetVersion,
    ColumnKind,
    LineGroup,
    LineKind,
    VersionStatus,
)
from finsam.fields import FIRST_YEAR, LAST_YEAR
from finsam.importing import Preview, Row, UnitUploadForm
from finsam.lib.money import format_kr
from finsam.lib.sheets import (
    Cell,
    NumberError,
    Sheet,
    format_figure,
    is_result_label,
    is_sum_label,
    label_problem,
    normalise,
    parse_number,
    unit_hint,
    whole,
    year_in,
)
from projects.models import Project

HEADINGS = [  # a row without figures whose label names a group starts that group
    (re.compile(r"^finansiella\s+intäkter$"), LineGroup.FINANCIAL_INCOME),
    (re.compile(r"^finansiella\s+kostnader$"), LineGroup.FINANCIAL_COSTS),
    (re.compile(r"^(verksamhetens\s+)?intäkter$"), LineGroup.INCOME),
    (re.compile(r"^(verksamhetens\s+)?kostnader$"), LineGroup.COSTS),
]
GUESSES = [  # the group of a new line, when no heading says it
    (re.compile(r"finansiell\w*\s+intäkt"), LineGroup.FINANCIAL_INCOME),
    (re.compile(r"finansiell\w*\s+kostnad"), LineGroup.FINANCIAL_COSTS),
    (re.compile(r"(över|under)skott"), LineGroup.MEMO),
    (re.compile(r"intäkt|avgift|bidrag|esf|insatser från medlem"), LineGroup.INCOME),
]


class BudgetUploadForm(UnitUploadForm):
    plan_year = forms.IntegerField(
        label=gettext_lazy("Planår"),
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text=gettext_lazy("Tomt: året vars kolumn heter ”Budget”."),
        error_messages={
            "min_value": gettext_lazy("Ange ett år från 1990."),
            "max_value": gettext_lazy("Ange ett år till och med 2100."),
            "invalid": gettext_lazy("Ange planåret med fyra siffror, t.ex. 2010."),
        },
    )


@dataclass
class Entry:
    """A row of the file: a line, a part of a line, or a printed sum."""

    cell: Cell
    label: str
    group: str
    printed: dict[int, Decimal]  # year -> figure as printed (in the file's unit and sign)
    cells: dict[int, Cell]
    line: BudgetLine | None = None
    parts: list["Entry"] = field(default_factory=list)
    has_parts: bool = False
    derived: str | None = None  # LineKind.SUBTOTAL or RESULT for a printed sum


@dataclass
class Check:
    entry: Entry
    members: list[Entry]  # lines summed (a group sum), parts (a list's sum), or all lines (the result)
    kind: str  # "group", "parts", "result"


@dataclass
class Layout:
    sheet: Sheet
    header_index: int
    data_index: int
    year_columns: dict[int, int]  # column -> year
    headers: dict[int, str]  # year -> header text


def _find_layout(sheets: list[Sheet]) -> Layout | None:
    ordered = sorted(sheets, key=lambda s: "budget" not in s.name.casefold())
    for sheet in ordered:
        for index, row in enumerate(sheet.rows):
            years = {cell.column: year_in(cell.value) for cell in row if year_in(cell.value)}
            if not years or len(set(years.values())) != len(years):
                continue
            first = min(years)
            for data_index in range(index + 1, len(sheet.rows)):
                later = sheet.rows[data_index]
                labelled = any(c.column < first and _is_text(c) for c in later)
                figures = any(c.column in years for c in later)
                if labelled and figures:
                    headers = {}
                    for column, year in years.items():
                        texts = [
                            c.text
                            for r in sheet.rows[:data_index]
                            for c in r
                            if c.column == column and c.text
                        ]
                        headers[year] = " ".join(texts)
                    return Layout(sheet, index, data_index, years, headers)
    return None


def _is_text(cell: Cell) -> bool:
    if not isinstance(cell.value, str):
        return False
    try:
        return parse_number(cell.value) is None and bool(cell.text)
    except NumberError:
        return True


def _heading(label: str) -> str | None:
    for pattern, group in HEADINGS:
        if pattern.match(normalise(label)):
            return group
    return None


def _guess(label: str) -> str:
    for pattern, group in GUESSES:
        if pattern.search(normalise(label)):
            return group
    return LineGroup.COSTS


class Reader:
    """One reading of the file against the association's line structure; `run()` gives the preview."""

    def __init__(self, association, sheets: list[Sheet], options: dict):
        self.association = association
        self.sheets = sheets
        self.options = options
        self.preview = Preview()
        self.errors = self.preview.errors
        self.rows: list[tuple[int, Row]] = []  # (row number, preview row), sorted at the end
        self.structure: list[Entry] = []  # lines and sum rows in the file's order
        self.lines = list(BudgetLine.objects.filter(association=association).order_by("position", "pk"))
        self._projects: dict[str, dict[int, int]] | None = None  # project name -> year -> kronor, read once

    def run(self) -> Preview:
        layout = _find_layout(self.sheets)
        if layout is None:
            self.errors.append(
                _(
                    "Ingen budgettabell hittades: filen behöver en rubrikrad med åren (t.ex. ”Budget 2010”) och "
                    "rader med benämning och belopp under den."
                )
            )
            return self.preview
        self.layout = layout
        for cell in layout.sheet.unevaluated:
            self.errors.append(
                _(
                    "%(where)s: formeln %(formula)s har inget sparat värde. Öppna filen i Excel, spara den och "
                    "ladda upp den igen."
                )
                % {"where": cell.where(), "formula": str(cell.value)[:60]}
            )
        self.years = sorted(layout.year_columns.values())
        self.factor = self._unit()
        self.plan_year = self._plan_year()
        self.preview.columns = [layout.headers[y] or str(y) for y in self.years]
        lines, checks = self._classify()
        negative = self._sign_habit(lines)
        self._check_sums(checks, negative)
        self._plan(lines, negative)
        self.preview.rows = [row for _number, row in sorted(self.rows, key=lambda pair: pair[0])]
        return self.preview

    def _unit(self) -> int:
        chosen = self.options.get("unit", "auto")
        if chosen in ("kr", "tkr"):
            return 1 if chosen == "kr" else 1000
        for row in self.layout.sheet.rows[: self.layout.data_index]:
            for cell in row:
                factor = unit_hint(cell.text) if isinstance(cell.value, str) else None
                if factor:
                    self.preview.notes.append(
                        _("Beloppen läses i %(unit)s enligt %(where)s (”%(text)s”).")
                        % {"unit": _unit_name(factor), "where": cell.where(), "text": cell.text[:60]}
                    )
                    return factor
        self.preview.notes.append(
            _(
                "Filen anger ingen enhet; beloppen läses som kronor. Välj tkr om tabellen är i tusental kronor."
            )
        )
        return 1

    def _plan_year(self) -> int:
        chosen = self.options.get("plan_year")
        if chosen:
            return chosen
        for year in self.years:
            if "budget" in self.layout.headers[year].casefold():
                return year
        return self.years[0]

    def _values(self, row) -> tuple[dict[int, Decimal], dict[int, Cell]]:
        printed, cells = {}, {}
        for cell in row:
            year = self.layout.year_columns.get(cell.column)
            if year is None:
                continue
            try:
                number = parse_number(cell.value)
            except NumberError as error:
                self.errors.append(f"{cell.where()}: {error}")
                continue
            if number is not None:
                printed[year], cells[year] = number, cell
        return printed, cells

    def _classify(self) -> tuple[list[Entry], list[Check]]:
        first_year_column = min(self.layout.year_columns)
        section: str | None = None  # the group a heading started
        pending: dict[str, list[Entry]] = {}  # per group, the lines since its last sum
        lines: list[Entry] = []
        checks: list[Check] = []
        parent: Entry | None = None  # a line whose parts are listed below it
        previous: Entry | None = None
        for row in self.layout.sheet.rows[self.layout.data_index :]:
            texts = [c for c in row if c.column < first_year_column and _is_text(c)]
            for cell in texts:
                problem = label_problem(cell)
                if problem:
                    self.errors.append(problem)
            printed, cells = self._values(row)
            if not texts:
                if printed:
                    self.errors.append(
                        _("%(where)s: raden har belopp men ingen benämning.") % {"where": row[0].where()}
                    )
                continue
            label_cell = texts[0]
            label = label_cell.text[:120]
            if not printed and not is_sum_label(label):
                heading = _heading(label)
                if heading:
                    section, parent, previous = heading, None, None
                    self._row(label_cell, label, _("rubrik: %(group)s") % {"group": LineGroup(heading).label})
                elif previous is not None and parent is None:
                    parent = previous
                    previous.has_parts = True
                    checks.append(Check(previous, previous.parts, "parts"))
                    self._row(
                        label_cell, label, _("rubrik för raderna under ”%(line)s”") % {"line": previous.label}
                    )
                else:
                    self._row(label_cell, label, _("text utan belopp: importeras inte"))
                continue
            entry = Entry(label_cell, label, section or LineGroup.COSTS, printed, cells)
            if is_sum_label(label):
                if is_result_label(label):
                    entry.derived = LineKind.RESULT
                    checks.append(Check(entry, list(lines), "result"))
                    entry.line = self._match(label, derived=LineKind.RESULT)
                    self._sum_row(entry, _("resultat"))
                elif parent is not None and not _heading(re.sub(r"^\S+\s*", "", label)):
                    checks.append(Check(entry, parent.parts, "parts"))
                    self._row(
                        label_cell,
                        label,
                        _("summa av raderna under ”%(line)s”: kontrolleras, sparas inte")
                        % {"line": parent.label},
                        entry,
                    )
                else:
                    entry.group = section or (lines[-1].group if lines else _guess(label))
                    entry.derived = LineKind.SUBTOTAL
                    checks.append(Check(entry, pending.pop(entry.group, []), "group"))
                    entry.line = self._match(label, derived=LineKind.SUBTOTAL, group=entry.group)
                    self._sum_row(entry, _("summa"))
                    section = None
                if entry.derived:
                    self.structure.append(entry)
                parent, previous = None, None
                continue
            if parent is not None:
                entry.group = parent.group
                parent.parts.append(entry)
                owner = texts[1].text[:120] if len(texts) > 1 else ""
                self._row(
                    label_cell, f"{label} ({owner})" if owner else label, self._part_target(entry), entry
                )
                continue
            entry.line = self._match(label, group=section)
            if entry.line is not None:
                entry.group = entry.line.group
            elif not section:
                entry.group = _guess(label)
            lines.append(entry)
            self.structure.append(entry)
            pending.setdefault(entry.group, []).append(entry)
            previous = entry
        return lines, checks

    def _part_target(self, entry: Entry) -> str:
        """A part listed under a line is a project: compared with the project's amount for the year, never stored."""
        if self._projects is None:
            from projects.models import ProjectYearAmount

            self._projects = {}
            for project in Project.objects.filter(association=self.association):
                self._projects[normalise(project.name)] = {}
            for row in ProjectYearAmount.objects.filter(
                project__association=self.association, year__in=self.years
            ).select_related("project"):
                self._projects[normalise(row.project.name)][row.year] = row.amount
        amounts = self._projects.get(normalise(entry.label))
        if amounts is None:
            return _(
                "finns inte bland insatserna: kontrolleras, sparas inte; importera insatslistan så räknas den"
            )
        for year, printed in entry.printed.items():
            stored = amounts.get(year, 0)
            if printed * self.factor != stored:
                self.preview.differences.append(
                    _("%(where)s: %(label)s: %(printed)s i filen, %(stored)s i insatsens belopp för %(year)s")
                    % {
                        "where": entry.cells[year].where(),
                        "label": entry.label,
                        "printed": format_figure(printed),
                        "stored": format_figure(Decimal(stored) / self.factor),
                        "year": year,
                    }
                )
        return _("insatsen ”%(name)s”: kontrolleras, sparas inte; raden räknas ur insatserna") % {
            "name": entry.label
        }

    def _match(
        self, label: str, *, derived: str | None = None, group: str | None = None
    ) -> BudgetLine | None:
        wanted = normalise(label)
        candidates = [
            line
            for line in self.lines
            if normalise(line.name) == wanted
            and line.used_in(self.plan_year)
            and ((line.kind == derived) if derived else not line.is_derived)
        ]
        if group and len(candidates) > 1:
            candidates = [line for line in candidates if line.group == group] or candidates
        return candidates[0] if candidates else None

    def _sum_row(self, entry: Entry, what: str) -> None:
        if entry.line is not None:
            target = _("%(what)s, som raden ”%(line)s” räknar: kontrolleras, sparas inte") % {
                "what": what,
                "line": entry.line.name,
            }
        else:
            target = _("%(what)s: kontrolleras, sparas inte; blir en summarad som räknas") % {"what": what}
        self._row(entry.cell, entry.label, target, entry, new=entry.line is None)

    def _row(self, cell: Cell, label: str, target: str, entry: Entry | None = None, new=False, figures=None):
        if figures is None:
            figures = [
                format_figure(entry.printed[y]) if entry and y in entry.printed else "" for y in self.years
            ]
        self.rows.append(
            (cell.row, Row(where=cell.where(), label=label, target=target, figures=figures, new=new))
        )

    def _sign_habit(self, lines: list[Entry]) -> bool:
        """True if the file prints income negative (RAR 2010)."""
        signs = [
            value
            for entry in lines
            if GROUP_SIGN[LineGroup(entry.group)] > 0
            for value in entry.printed.values()
            if value
        ]
        if signs:
            return all(value < 0 for value in signs)
        budget = Budget.objects.filter(association=self.association, plan_year=self.plan_year).first()
        return bool(budget and budget.income_shown_negative)

    def _check_sums(self, checks: list[Check], negative: bool) -> None:
        def flip(group: str) -> int:  # printed figure -> magnitude, and back
            return -1 if negative and GROUP_SIGN[LineGroup(group)] > 0 else 1

        def value(entry: Entry, year: int) -> Decimal:  # as printed; a line with parts is their sum
            if entry.has_parts:
                return sum((part.printed.get(year, Decimal(0)) for part in entry.parts), Decimal(0))
            return entry.printed.get(year, Decimal(0))

        for check in sorted(checks, key=lambda c: c.entry.cell.row):
            for year, printed in sorted(check.entry.printed.items()):
                if check.kind == "parts":
                    expected = sum((m.printed.get(year, Decimal(0)) for m in check.members), Decimal(0))
                elif check.kind == "group":
                    expected = flip(check.entry.group) * sum(
                        (flip(m.group) * value(m, year) for m in check.members), Decimal(0)
                    )
                else:
                    surplus = sum(
                        (
                            GROUP_SIGN[LineGroup(m.group)] * flip(m.group) * value(m, year)
                            for m in check.members
                        ),
                        Decimal(0),
                    )
                    expected = -surplus if negative else surplus
                if expected != printed:
                    self.preview.differences.append(
                        _("%(where)s: %(label)s: %(printed)s i filen, %(computed)s enligt raderna")
                        % {
                            "where": check.entry.cells[year].where(),
                            "label": check.entry.label,
                            "printed": format_figure(printed),
                            "computed": format_figure(expected),
                        }
                    )

    def _plan(self, lines: list[Entry], negative: bool) -> None:
        budget = (
            Budget.objects.filter(association=self.association, plan_year=self.plan_year)
            .prefetch_related("versions__columns")
            .first()
        )
        version = max(budget.versions.all(), key=lambda v: v.number, default=None) if budget else None
        if version is not None and version.status == VersionStatus.ADOPTED:
            self.errors.append(
                _(
                    "Budgeten för %(year)s är fastställd och ändras inte. Gör en revision och importera till den."
                )
                % {"year": self.plan_year}
            )
        existing_years = {c.year for c in version.columns.all()} if version else set()
        columns = [(year, *self._column(year)) for year in self.years if year not in existing_years]
        amounts = []
        for entry in lines:
            figures = []
            for year in self.years:
                kronor = None if entry.has_parts else self._kronor(entry, year, negative)
                if kronor is not None:
                    amounts.append((entry, year, kronor))
                figures.append(format_kr(kronor) if kronor is not None else "")
            line = entry.line
            if line is None:
                target = _("ny budgetrad (%(group)s)") % {"group": str(LineGroup(entry.group).label).lower()}
                if entry.has_parts:
                    target += ", " + _("hämtas från insatserna")
            else:
                target = _("befintlig budgetrad ”%(line)s”") % {"line": line.name}
                if entry.has_parts:
                    target += ", " + _("hämtas från insatserna")
                elif line.kind in FED_KINDS:
                    target += ", " + _("beloppet ersätter det hämtade värdet")
            self._row(entry.cell, entry.label, target, new=line is None, figures=figures)
        if negative:
            self.preview.notes.append(
                _("Filen visar intäkter som negativa belopp; de sparas som positiva intäkter.")
            )
        if budget is None:
            self.preview.notes.append(_("Budgeten för %(year)s skapas.") % {"year": self.plan_year})
        self.preview.plan = {
            "budget": budget,
            "version": version,
            "plan_year": self.plan_year,
            "negative": negative,
            "columns": columns,
            "amounts": amounts,
            "structure": self.structure,
        }

    def _kronor(self, entry: Entry, year: int, negative: bool) -> int | None:
        if year not in entry.printed:
            return None
        magnitude = entry.printed[year] * (-1 if negative and GROUP_SIGN[LineGroup(entry.group)] > 0 else 1)
        where = entry.cells[year].where()
        try:
            kronor = whole(magnitude, self.factor)
        except NumberError as error:
            self.errors.append(f"{where}: {error}")
            return None
        if kronor < 0:
            self.errors.append(
                _(
                    "%(where)s: %(label)s blir ett negativt belopp (%(amount)s); budgetrader har positiva "
                    "belopp och gruppen ger tecknet."
                )
                % {"where": where, "label": entry.label, "amount": format_kr(kronor)}
            )
            return None
        return kronor

    def _column(self, year: int) -> tuple[str, str]:
        header = self.layout.headers[year]
        text = header.casefold()
        if "prognos" in text or "utfall" in text or year < self.plan_year:
            kind = ColumnKind.FORECAST
        elif year == self.plan_year:
            kind = ColumnKind.BUDGET
        else:
            kind = ColumnKind.PLAN
        words = re.sub(r"\b(tkr|tsk|kkr|kr)\b", " ", header, flags=re.IGNORECASE)
        words = re.sub(r"\s+", " ", words).strip()
        default = str(ColumnKind(kind).label).casefold()
        label = "" if (default in text or words == str(year)) else words[:60]
        return kind, label


def preview(association, sheets: list[Sheet], options: dict) -> Preview:
    return Reader(association, sheets, options).run()


def apply(association, preview: Preview) -> str:
    """Write the preview's plan (inside the caller's transaction): columns, new lines, amounts. Never a sum."""
    from budget import services

    plan = preview.plan
    budget, version = plan["budget"], plan["version"]
    if budget is None:
        budget = services.create_budget(
            association=association, plan_year=plan["plan_year"], title="", columns=plan["columns"]
        )
        budget.income_shown_negative = plan["negative"]
        budget.save(update_fields=["income_shown_negative"])
        version = budget.versions.get()
    else:
        if version is None:
            version = BudgetVersion.objects.create(budget=budget, number=1)
        for year, kind, label in plan["columns"]:
            column = BudgetColumn(version=version, year=year, kind=kind, label=label)
            column.full_clean()
            column.save()
    created = 0
    position = 0
    for entry in plan["structure"]:
        if entry.line is not None:
            position = entry.line.position
            continue
        position += 1
        kind = entry.derived or (LineKind.PROJECTS if entry.has_parts else LineKind.ENTERED)
        line = BudgetLine(
            association=association,
            name=entry.label,
            group=LineGroup.COSTS if kind == LineKind.RESULT else entry.group,
            kind=kind,
            position=position,
            show_project_breakdown=kind == LineKind.PROJECTS,
        )
        line.full_clean()
        line.save()
        entry.line = line
        created += 1
    existing = {(a.line_id, a.year): a for a in version.amounts.filter(frozen=False)}
    for entry, year, kronor in plan["amounts"]:
        amount = existing.get((entry.line.pk, year))
        if amount is None:
            amount = BudgetAmount(version=version, line=entry.line, year=year, amount=kronor)
        elif amount.amount == kronor:
            continue
        amount.amount = kronor
        try:
            amount.full_clean()
        except ValidationError as error:
            raise ValidationError(f"{entry.cells[year].where()}: {' '.join(error.messages)}") from error
        amount.save()
    return _(
        "%(amounts)s belopp i budget %(year)s, %(lines)s nya rader i radstrukturen; summorna räknas."
    ) % {
        "amounts": len(plan["amounts"]),
        "year": plan["plan_year"],
        "lines": created,
    }


def _unit_name(factor: int) -> str:
    return {1: _("kronor"), 1000: _("tkr"), 1_000_000: _("mkr")}[factor]
