"""Rows of the members' tables, built once for the pages, the plan PDF and the workbook."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from finsam.lib.tables import CellKind, Column, Row, RowKind, Table
from members.fees import FeeSplit, FeeSplitError, percentage_problem, split_fee
from members.models import (
    BoardOffice,
    BoardRole,
    BoardSeat,
    FeeStatus,
    FeeYear,
    FixedShare,
    MemberKind,
    MemberOrganisation,
    Population,
    SplitMethod,
)


@dataclass
class FeeYearResult:
    fee_year: FeeYear
    split: FeeSplit | None
    problem: str | None


def compute_fee_years(
    association, years: list[int]
) -> tuple[dict[int, FeeYearResult], list[MemberOrganisation]]:
    """Each requested year's split (or why it cannot be computed), in four queries whatever the number of rows."""
    fee_years = list(FeeYear.objects.filter(association=association, year__in=years))
    members = list(MemberOrganisation.objects.filter(association=association).order_by("name"))
    shares = list(FixedShare.objects.filter(fee_year__in=fee_years).select_related(None))
    dates = {
        fy.population_date
        for fy in fee_years
        if fy.split_method == SplitMethod.POPULATION and fy.population_date
    }
    populations = list(Population.objects.filter(member__association=association, reference_date__in=dates))

    results = {fee_year.year: _compute(fee_year, members, shares, populations) for fee_year in fee_years}
    return results, members


def _compute(fee_year: FeeYear, members, shares, populations) -> FeeYearResult:
    by_id = {member.pk: member for member in members}
    try:
        if fee_year.split_method == SplitMethod.PERCENTAGES:
            weights = {by_id[s.member_id]: s.percent for s in shares if s.fee_year_id == fee_year.pk}
            problem = percentage_problem(weights) if weights else _("Procentsatser saknas för kommunerna.")
            if problem:
                raise FeeSplitError(problem)
        else:
            weights = _population_weights(fee_year, members, populations)
        order = sorted(weights, key=lambda member: member.name)
        return FeeYearResult(fee_year, split_fee(fee_year.total, weights, order=order), None)
    except FeeSplitError as error:
        return FeeYearResult(fee_year, None, str(error))


def _population_weights(fee_year: FeeYear, members, populations) -> dict:
    if fee_year.population_date is None:
        raise FeeSplitError(_("Ange vilket datum befolkningen ska räknas per."))
    municipalities = [
        m
        for m in members
        if m.kind == MemberKind.MUNICIPALITY
        and (m.member_from is None or m.member_from.year <= fee_year.year)
        and (m.member_to is None or m.member_to.year >= fee_year.year)
    ]
    counts = {
        p.member_id: p.inhabitants
        for p in populations
        if p.reference_date == fee_year.population_date and p.age_band == fee_year.age_band
    }
    missing = [m.name for m in municipalities if m.pk not in counts]
    if missing:
        raise FeeSplitError(
            _("Befolkning per %(date)s (%(band)s år) saknas för %(names)s.")
            % {
                "date": fee_year.population_date.isoformat(),
                "band": fee_year.age_band,
                "names": ", ".join(missing),
            }
        )
    weights = {m: counts[m.pk] for m in municipalities}
    if weights and sum(weights.values()) == 0:
        raise FeeSplitError(
            _("Befolkningen per %(date)s (%(band)s år) har inga invånare i någon kommun; rätta befolkningen.")
            % {"date": fee_year.population_date.isoformat(), "band": fee_year.age_band}
        )
    return weights


def fee_table(association, years: list[int]) -> Table:
    """Member fees for `years` side by side (like "År 2007 | År 2008"), in kr.

    Rows: each municipality, the municipalities' subtotal, the region, the state's half and the total; a year
    that cannot be computed has empty cells and a note that says why.
    """
    years = sorted(set(years))
    results, members = compute_fee_years(association, years)
    return build_fee_table(results, members, years)


def build_fee_table(
    results: dict[int, FeeYearResult], members: list[MemberOrganisation], years: list[int]
) -> Table:
    """The fee table from already computed years (a page that computed them all reuses them)."""
    years = sorted(set(years))
    columns = [Column("label", _("Medlem"))] + [
        Column(f"y{year}", _("År %(year)s") % {"year": year}, CellKind.AMOUNT, "kr") for year in years
    ]
    table = Table(key="member_fees", caption=_("Medlemsavgifter"), columns=columns)

    municipalities = sorted(
        {m for r in results.values() if r.split for m in r.split.municipalities}, key=lambda m: m.name
    )
    municipality_rows = []
    for member in municipalities:
        cells = {"label": member.name}
        for year in years:
            split = _split(results, year)
            cells[f"y{year}"] = split.municipalities.get(member) if split else None
        municipality_rows.append(table.add(Row(cells)))

    last_year = years[-1] if years else None
    region = next((m for m in members if m.kind == MemberKind.REGION), None)
    state_members = sorted(
        (m for m in members if m.is_state), key=lambda m: (m.kind != MemberKind.FORSAKRINGSKASSAN, m.name)
    )
    state_names = [m.name_in(last_year) for m in state_members] if last_year else []
    subtotal = table.add(
        Row(
            {"label": _("Summa kommuner"), **_cells(results, years, lambda s: s.municipalities_total)},
            RowKind.SUBTOTAL,
            terms=tuple((i, 1) for i in municipality_rows),
        )
    )
    region_row = table.add(
        Row(
            {
                "label": region.name_in(last_year) if region else _("Region"),
                **_cells(results, years, lambda s: s.region),
            }
        )
    )
    state_row = table.add(
        Row({"label": "/".join(state_names) or _("Staten"), **_cells(results, years, lambda s: s.state)})
    )
    table.add(
        Row(
            {"label": _("Totalt"), **_cells(results, years, lambda s: s.total)},
            RowKind.TOTAL,
            terms=((subtotal, 1), (region_row, 1), (state_row, 1)),
        )
    )
    for year in years:
        result = results.get(year)
        if result is None:
            table.notes.append(_("%(year)s: inget avgiftsår är upplagt.") % {"year": year})
        elif result.problem:
            table.notes.append(
                _("%(year)s kan inte beräknas: %(problem)s") % {"year": year, "problem": result.problem}
            )
        elif result.fee_year.status == FeeStatus.PRELIMINARY:
            table.notes.append(_("Fördelningen %(year)s är preliminär.") % {"year": year})
    return table


def _split(results, year) -> FeeSplit | None:
    result = results.get(year)
    return result.split if result else None


def _cells(results, years, pick) -> dict:
    cells = {}
    for year in years:
        split = _split(results, year)
        cells[f"y{year}"] = pick(split) if split else None
    return cells


def board_years(seats, today) -> list[int]:
    """The years in which any of `seats` served, newest first, up to this year (the board page offers them)."""
    years: set[int] = set()
    for seat in seats:
        last = min(seat.term_to.year if seat.term_to else today.year, today.year)
        years.update(range(seat.term_from.year, last + 1))
    return sorted(years, reverse=True)


def board_table(association, year: int) -> Table:
    """The board in `year`: per member organisation its ledamot and ersättare, with party and office."""
    seats = [
        seat
        for seat in BoardSeat.objects.filter(member__association=association).select_related("member")
        if seat.serves_in(year)
    ]
    columns = [
        Column("member", _("Uppdragsgivare")),
        Column("ledamot", _("Ordinarie ledamot")),
        Column("ersattare", _("Ersättare")),
    ]
    table = Table(key="board", caption=_("Förbundsstyrelsen %(year)s") % {"year": year}, columns=columns)
    by_member: dict = {}
    for seat in seats:
        by_member.setdefault(seat.member, {BoardRole.MEMBER: [], BoardRole.DEPUTY: []})[seat.role].append(
            seat
        )
    for member in sorted(by_member, key=lambda m: (m.kind != MemberKind.MUNICIPALITY, m.name)):
        roles = by_member[member]
        table.add(
            Row(
                {
                    "member": member.name_in(year),
                    "ledamot": ", ".join(_seat_label(s) for s in roles[BoardRole.MEMBER]),
                    "ersattare": ", ".join(_seat_label(s) for s in roles[BoardRole.DEPUTY]),
                }
            )
        )
    return table


def _seat_label(seat: BoardSeat) -> str:
    label = str(seat)
    if seat.office == BoardOffice.CHAIR:
        label += ", " + _("ordförande")
    elif seat.office == BoardOffice.VICE_CHAIR:
        label += ", " + _("vice ordförande")
    return label
