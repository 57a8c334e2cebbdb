from django.template.loader import render_to_string

from finsam.lib.tables import CellKind, Column, Row, RowKind, Table, format_cell

NBSP = "\u00a0"


def _fee_table():
    table = Table(
        key="fees",
        caption="Medlemsinsatser",
        columns=[Column("label", "Medlem"), Column("y2009", "År 2009", CellKind.AMOUNT, "kr")],
    )
    a = table.add(Row({"label": "Eskilstuna", "y2009": 1_308_750}))
    b = table.add(Row({"label": "Flen", "y2009": 236_250}))
    table.add(Row({"label": "Summa", "y2009": 1_545_000}, RowKind.TOTAL, terms=((a, 1), (b, 1))))
    return table


def test_a_consistent_table_has_no_inconsistencies():
    assert _fee_table().inconsistencies() == []


def test_a_derived_row_that_is_not_the_sum_of_its_terms_is_reported():
    table = _fee_table()
    table.rows[2].cells["y2009"] = 1
    assert table.inconsistencies() == ["fees row 2 column y2009: 1 != 1545000"]


def test_amounts_are_shown_in_the_columns_unit():
    assert format_cell(1_308_750, Column("x", "X", CellKind.AMOUNT, "kr")) == f"1{NBSP}308{NBSP}750"
    assert format_cell(1_308_750, Column("x", "X", CellKind.AMOUNT, "tkr")) == f"1{NBSP}309"
    assert format_cell(None, Column("x", "X", CellKind.AMOUNT, "kr")) == ""


def test_the_table_partial_renders_caption_header_unit_and_right_aligned_figures():
    html = render_to_string("finsam/partials/table.html", {"table": _fee_table()})
    assert "<caption>Medlemsinsatser</caption>" in html
    assert "År 2009 (kr)" in html
    assert f'<td class="amount">1{NBSP}308{NBSP}750</td>' in html
    assert '<tr class="row-total sum-row keep-with-previous">' in html  # print keeps a sum with its rows
