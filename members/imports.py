"""Importing member fee tables (members × years) and population figures (municipalities × dates) from Excel.

A fee table lists each member's amount per year, usually with the municipalities' "Summa" and a "Totalt" (RAR
2009: Eskilstuna 1 308 750 kr … Summa 3 750 000 kr, Landstinget 3 750 000 kr, Försäkringskassan/LAN 7 500 000 kr,
Totalt 15 000 000 kr). What the product stores is the fee year's decided total and the municipalities' fixed
percentages (members/fees.py splits the rest by the law's half and quarter); the printed sums are checked, never
stored. The total is the sum of the member rows, and the preview shows where the product's split would differ
from the file by a krona.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from finsam.fields import MAX_POPULATION
from finsam.importing import Preview, Row, UploadForm
from finsam.lib.allocation import allocate
from finsam.lib.money import format_kr, group_thousands
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
    read_matrix,
    unit_hint,
    whole,
    year_in,
)
from members.fees import FeeSplitError, split_fee
from members.models import (
    AgeBand,
    FeeStatus,
    FeeYear,
    MemberKind,
    MemberOrganisation,
    Population,
    SplitMethod,
)

THOUSANDTHS = 100_000  # percentages are stored with three decimals: 100 % is 100 000 thousandths


class FeeUploadForm(UploadForm):
    status = forms.ChoiceField(
        label=gettext_lazy("Status för avgiftsåren"),
        choices=FeeStatus.choices,
        initial=FeeStatus.FINAL,
        required=False,
    )


class PopulationUploadForm(UploadForm):
    age_band = forms.ChoiceField(
        label=gettext_lazy("Åldersgrupp"), choices=AgeBand.choices, initial=AgeBand.AGE_16_64, required=False
    )


def _kind_of(label: str) -> str:
    text = normalise(label)
    if "försäkringskassan" in text:
        return MemberKind.FORSAKRINGSKASSAN
    if "arbetsförmedlingen" in text:
        return MemberKind.ARBETSFORMEDLINGEN
    if "region" in text or "landsting" in text:
        return MemberKind.REGION
    return MemberKind.MUNICIPALITY


def _match_member(members, label: str, kind: str | None = None):
    wanted = normalise(label)
    for member in members:
        if wanted in (normalise(member.name), normalise(member.former_name or "-")):
            return member
    if kind in (MemberKind.FORSAKRINGSKASSAN, MemberKind.REGION):  # "Försäkringskassan/LAN", "Landstinget"
        same = [m for m in members if m.kind == kind]
        if len(same) == 1:
            return same[0]
    return None


@dataclass(eq=False)  # rows are told apart by identity (keys of the splits)
class MemberRow:
    cell: Cell
    label: str
    kind: str
    member: MemberOrganisation | None
    amounts: dict[int, int] = field(default_factory=dict)  # year -> kronor
    counts: dict = field(default_factory=dict)  # reference date -> inhabitants


def _no_table(preview: Preview, what: str) -> Preview:
    preview.errors.append(what)
    return preview


def _unevaluated(preview: Preview, sheets: list[Sheet]) -> None:
    for sheet in sheets:
        for cell in sheet.unevaluated:
            preview.errors.append(
                _(
                    "%(where)s: formeln %(formula)s har inget sparat värde. Öppna filen i Excel, spara den och ladda upp den igen."
                )
                % {"where": cell.where(), "formula": str(cell.value)[:60]}
            )


class fees:  # noqa: N801  (an importer is a namespace with preview() and apply())
    @staticmethod
    def preview(association, sheets: list[Sheet], options: dict) -> Preview:
        preview = Preview()
        matrix = read_matrix(sheets, year_in)
        if matrix is None:
            return _no_table(
                preview,
                _(
                    "Ingen avgiftstabell hittades: filen behöver en rubrikrad med åren (t.ex. ”År 2009”) och en rad per medlem."
                ),
            )
        _unevaluated(preview, sheets)
        factor = 1
        for cell in matrix.header_texts:
            factor = unit_hint(cell.text) or factor
        years = [matrix.keys[c] for c in sorted(matrix.keys)]
        preview.columns = [matrix.headers[c] for c in sorted(matrix.keys)]
        members = list(MemberOrganisation.objects.filter(association=association))
        rows: list[MemberRow] = []
        checks: list[tuple[Cell, str, dict[int, Decimal], list[MemberRow]]] = []
        since_sum: list[MemberRow] = []
        for label_cell, values in matrix.rows:
            problem = label_problem(label_cell)
            if problem:
                preview.errors.append(problem)
            label = label_cell.text[:120]
            printed = {}
            for year, cell in values.items():
                try:
                    number = parse_number(cell.value)
                    if number is not None:
                        printed[year] = (number, cell)
                except NumberError as error:
                    preview.errors.append(f"{cell.where()}: {error}")
            if is_sum_label(label):
                checks.append(
                    (
                        label_cell,
                        label,
                        printed,
                        list(since_sum) if normalise(label).startswith("summa") else list(rows),
                    )
                )
                since_sum = []
                preview.rows.append(
                    Row(
                        label_cell.where(),
                        label,
                        _("summa: kontrolleras, sparas inte"),
                        [format_figure(printed[y][0]) if y in printed else "" for y in years],
                    )
                )
                continue
            kind = _kind_of(label)
            row = MemberRow(label_cell, label, kind, _match_member(members, label, kind))
            for year, (number, cell) in printed.items():
                try:
                    kronor = whole(number, factor)
                except NumberError as error:
                    preview.errors.append(f"{cell.where()}: {error}")
                    continue
                if kronor < 0:
                    preview.errors.append(
                        _("%(where)s: en medlemsavgift kan inte vara negativ.") % {"where": cell.where()}
                    )
                    continue
                row.amounts[year] = kronor
            rows.append(row)
            if kind == MemberKind.MUNICIPALITY:
                since_sum.append(row)
            target = (
                _("befintlig medlem ”%(name)s”") % {"name": row.member.name}
                if row.member
                else _("ny medlem (%(kind)s)") % {"kind": MemberKind(kind).label}
            )
            preview.rows.append(
                Row(
                    label_cell.where(),
                    label,
                    target,
                    [format_kr(row.amounts[y]) if y in row.amounts else "" for y in years],
                    new=row.member is None,
                )
            )
        for _label_cell, label, printed, members_summed in checks:
            for year, (number, cell) in printed.items():
                expected = sum(r.amounts.get(year, 0) for r in members_summed)
                try:
                    shown = whole(number, factor)
                except NumberError:
                    continue
                if shown != expected:
                    preview.differences.append(
                        _("%(where)s: %(label)s: %(printed)s i filen, %(computed)s enligt raderna")
                        % {
                            "where": cell.where(),
                            "label": label,
                            "printed": group_thousands(shown),
                            "computed": group_thousands(expected),
                        }
                    )
        plan = []
        existing = {fy.year: fy for fy in FeeYear.objects.filter(association=association, year__in=years)}
        for year in years:
            municipal = {
                r: r.amounts[year] for r in rows if r.kind == MemberKind.MUNICIPALITY and r.amounts.get(year)
            }
            total = sum(r.amounts.get(year, 0) for r in rows)
            if not total:
                continue
            if not municipal:
                preview.errors.append(
                    _("%(year)s: ingen kommun har ett belopp; kommunernas andelar kan inte räknas.")
                    % {"year": year}
                )
                continue
            order = sorted(municipal, key=lambda r: r.label)
            thousandths = allocate(THOUSANDTHS, municipal, order=order)
            percentages = {r: Decimal(t) / 1000 for r, t in thousandths.items()}
            try:
                split = split_fee(total, percentages, order=order)
            except FeeSplitError as error:
                preview.errors.append(f"{year}: {error}")
                continue
            for r in rows:
                computed = {
                    MemberKind.MUNICIPALITY: split.municipalities.get(r),
                    MemberKind.REGION: split.region,
                }.get(r.kind, split.state)
                if (
                    year in r.amounts
                    and computed is not None
                    and computed != r.amounts[year]
                    and r.kind != MemberKind.ARBETSFORMEDLINGEN
                ):
                    preview.differences.append(
                        _(
                            "%(where)s: %(label)s %(year)s: %(printed)s i filen, %(computed)s enligt fördelningen av totalen"
                        )
                        % {
                            "where": r.cell.where(),
                            "label": r.label,
                            "year": year,
                            "printed": format_kr(r.amounts[year]),
                            "computed": format_kr(computed),
                        }
                    )
            plan.append((year, total, percentages))
            preview.notes.append(
                _(
                    "Avgiftsår %(year)s: total %(total)s (%(what)s), kommunernas fasta andelar ur filens belopp."
                )
                % {
                    "year": year,
                    "total": format_kr(total),
                    "what": _("ändras") if year in existing else _("nytt"),
                }
            )
        preview.plan = {
            "rows": rows,
            "years": plan,
            "existing": existing,
            "status": options.get("status") or FeeStatus.FINAL,
        }
        return preview

    @staticmethod
    def apply(association, preview: Preview) -> str:
        from members import services

        plan = preview.plan
        created = _create_members(association, plan["rows"])
        for year, total, percentages in plan["years"]:
            fee_year = plan["existing"].get(year) or FeeYear(association=association, year=year)
            fee_year.total = total
            fee_year.status = plan["status"]
            fee_year.split_method = SplitMethod.PERCENTAGES
            services.save_fee_year(
                fee_year=fee_year, percentages={r.member: p for r, p in percentages.items()}
            )
        return _("%(years)s avgiftsår, %(members)s nya medlemmar; medlemmarnas belopp räknas ur totalen.") % {
            "years": len(plan["years"]),
            "members": created,
        }


def _create_members(association, rows) -> int:
    created = 0
    for row in rows:
        if row.member is None:
            member = MemberOrganisation(association=association, name=row.label, kind=row.kind)
            try:
                member.full_clean()
            except ValidationError as error:
                raise ValidationError(f"{row.cell.where()}: {' '.join(error.messages)}") from error
            member.save()
            row.member = member
            created += 1
    return created


class populations:  # noqa: N801
    @staticmethod
    def preview(association, sheets: list[Sheet], options: dict) -> Preview:
        preview = Preview()
        matrix = read_matrix(sheets, date_in)
        if matrix is None:
            return _no_table(
                preview,
                _(
                    "Ingen befolkningstabell hittades: filen behöver en rubrikrad med datumen (t.ex. 2009-11-01) och en rad per kommun."
                ),
            )
        _unevaluated(preview, sheets)
        dates = [matrix.keys[c] for c in sorted(matrix.keys)]
        preview.columns = [d.isoformat() for d in dates]
        members = list(MemberOrganisation.objects.filter(association=association))
        band = options.get("age_band") or AgeBand.AGE_16_64
        rows, since_sum = [], []
        for label_cell, values in matrix.rows:
            problem = label_problem(label_cell)
            if problem:
                preview.errors.append(problem)
            label = label_cell.text[:120]
            counts = {}
            for date, cell in values.items():
                try:
                    number = parse_number(cell.value)
                    if number is None:
                        continue
                    count = whole(number, 1)
                    if not 0 <= count <= MAX_POPULATION:
                        raise NumberError(_("ett invånarantal ligger mellan 0 och 100 000 000."))
                    counts[date] = (count, cell)
                except NumberError as error:
                    preview.errors.append(f"{cell.where()}: {error}")
            figures = [group_thousands(counts[d][0]) if d in counts else "" for d in dates]
            if is_sum_label(label):
                for date, (count, cell) in counts.items():
                    expected = sum(r.counts.get(date, 0) for r in since_sum)
                    if expected != count:
                        preview.differences.append(
                            _("%(where)s: %(label)s: %(printed)s i filen, %(computed)s enligt raderna")
                            % {
                                "where": cell.where(),
                                "label": label,
                                "printed": group_thousands(count),
                                "computed": group_thousands(expected),
                            }
                        )
                since_sum = []
                preview.rows.append(
                    Row(label_cell.where(), label, _("summa: kontrolleras, sparas inte"), figures)
                )
                continue
            member = _match_member([m for m in members if m.kind == MemberKind.MUNICIPALITY], label)
            row = MemberRow(label_cell, label, MemberKind.MUNICIPALITY, member)
            row.counts = {date: count for date, (count, _cell) in counts.items()}
            rows.append(row)
            since_sum.append(row)
            target = (
                _("befintlig kommun ”%(name)s”") % {"name": member.name}
                if member
                else _("ny medlem (kommun)")
            )
            preview.rows.append(Row(label_cell.where(), label, target, figures, new=member is None))
        preview.plan = {"rows": rows, "band": band}
        return preview

    @staticmethod
    def apply(association, preview: Preview) -> str:
        plan = preview.plan
        created = _create_members(association, plan["rows"])
        written = 0
        for row in plan["rows"]:
            existing = {
                p.reference_date: p
                for p in Population.objects.filter(member=row.member, age_band=plan["band"])
            }
            for date, count in row.counts.items():
                population = existing.get(date) or Population(
                    member=row.member, reference_date=date, age_band=plan["band"]
                )
                if population.pk and population.inhabitants == count:
                    continue
                population.inhabitants = count
                try:
                    population.full_clean()
                except ValidationError as error:
                    raise ValidationError(f"{row.cell.where()}: {' '.join(error.messages)}") from error
                population.save()
                written += 1
        return _("%(count)s invånarantal, %(members)s nya kommuner.") % {"count": written, "members": created}
