import datetime

from finsam.lib.periods import DatePrecision
from finsam.lib.tables import RowKind
from projects.exports import project_table, requisition_table
from projects.models import ProjectStatus, StartStatus
from tests.factories import (
    AssociationFactory,
    MemberOrganisationFactory,
    ProjectFactory,
    ProjectYearAmountFactory,
    RequisitionFactory,
)

D = datetime.date


def _setup():
    association = AssociationFactory()
    eskilstuna = MemberOrganisationFactory(association=association, name="Eskilstuna kommun")
    tuna = ProjectFactory(
        owner=eskilstuna,
        number="28",
        name="TUNA",
        focus="Arbetslösa; långtidssjuka",
        start=D(2008, 9, 1),
        end=D(2011, 8, 31),
    )
    tuna.municipalities.set([eskilstuna])
    for year, amount in [(2008, 778_703), (2009, 2_329_725), (2010, 3_330_000), (2011, 1_548_572)]:
        ProjectYearAmountFactory(project=tuna, year=year, amount=amount)
    later = ProjectFactory(
        owner=eskilstuna,
        number="",
        name="Kungsgatan",
        county_wide=True,
        start=D(2006, 7, 1),
        start_precision=DatePrecision.HALF_YEAR,
        start_status=StartStatus.DELAYED,
        end=None,
    )
    ProjectYearAmountFactory(project=later, year=2010, amount=307_499)
    cancelled = ProjectFactory(owner=eskilstuna, name="Inställd", status=ProjectStatus.CANCELLED)
    ProjectYearAmountFactory(project=cancelled, year=2010, amount=5_000_000)
    return association, tuna


def test_project_table_has_the_years_projects_and_a_total_row(db):
    association, _tuna = _setup()
    table = project_table(association, 2010)
    assert [c.key for c in table.columns] == [
        "number",
        "name",
        "owner",
        "area",
        "focus",
        "start",
        "end",
        "total",
        "year",
    ]
    assert table.columns[-1].unit == "tkr"
    assert table.columns[-1].label == "Belopp 2010"
    first, second, total = table.rows
    assert first.cells == {
        "number": "",
        "name": "Kungsgatan",
        "owner": "Eskilstuna kommun",
        "area": "Hela länet",
        "focus": "",
        "start": "Försenad, prel. start hösten 2006",
        "end": "",
        "total": 307_499,
        "year": 307_499,
    }
    assert second.cells["area"] == "Eskilstuna kommun"
    assert second.cells["total"] == 7_987_000
    assert second.cells["year"] == 3_330_000
    assert total.kind == RowKind.TOTAL
    assert total.terms == ((0, 1), (1, 1))
    assert (total.cells["total"], total.cells["year"]) == (8_294_499, 3_637_499)
    assert table.inconsistencies() == []


def test_project_table_unit_only_changes_the_columns_unit(db):
    association, _tuna = _setup()
    table = project_table(association, 2010, unit="kr")
    assert {c.unit for c in table.columns if c.kind == "amount"} == {"kr"}
    assert table.rows[-1].cells["year"] == 3_637_499


def test_requisition_table_sets_requested_against_granted(db):
    association, tuna = _setup()
    RequisitionFactory(project=tuna, year=2010, amount=1_700_000)
    RequisitionFactory(project=tuna, year=2010, period="h2", amount=1_700_000)
    RequisitionFactory(project=tuna, year=2009, amount=1)
    table = requisition_table(association, 2010)
    rows = [(r.cells["name"], r.cells["granted"], r.cells["requested"], r.cells["left"]) for r in table.rows]
    assert rows == [
        ("Kungsgatan", 307_499, 0, 307_499),
        ("TUNA", 3_330_000, 3_400_000, -70_000),
        ("Summa", 3_637_499, 3_400_000, 237_499),
    ]
    assert table.inconsistencies() == []


def test_another_associations_projects_never_appear(db):
    association, _tuna = _setup()
    assert project_table(AssociationFactory(), 2010).rows[-1].cells["year"] == 0
    assert len(project_table(association, 2010).rows) == 3
