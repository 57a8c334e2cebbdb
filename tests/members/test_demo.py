from django.core.management import call_command

from finsam.models import Association
from members.exports import board_table, fee_table


def test_demo_holds_rars_fee_tables_and_landskrona_svalovs_board(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    rar = Association.objects.get(slug="rar-sormland")
    table = fee_table(rar, [2007, 2008])
    figures = {row.cells["label"]: (row.cells["y2007"], row.cells["y2008"]) for row in table.rows}
    assert figures["Eskilstuna kommun"] == (1_308_750, 1_308_750)
    assert figures["Landstinget"] == (3_750_000, 3_750_000)
    assert figures["Totalt"] == (15_000_000, 15_000_000)
    assert table.inconsistencies() == []
    assert fee_table(rar, [2009]).rows[-1].cells["y2009"] == 15_000_000

    landskrona = Association.objects.get(slug="landskrona-svalov")
    rows = {row.cells["member"]: row.cells for row in board_table(landskrona, 2009).rows}
    assert len(rows) == 5
    assert rows["Landskrona stad"]["ledamot"] == "Mattias Adolfsson (fp)"
    assert rows["Arbetsförmedlingen"]["ersattare"] == "Stefan Wikander"
