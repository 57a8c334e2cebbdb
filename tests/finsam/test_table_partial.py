"""The shared table partial: every row header has a name."""

from django.template.loader import render_to_string

from finsam.lib.tables import Column, Row, Table


def test_an_empty_first_cell_is_a_plain_cell_not_an_empty_row_header():
    table = Table(
        key="projects", caption="Insatser", columns=[Column("number", "Nr"), Column("name", "Insats")]
    )
    table.add(Row({"number": "", "name": "Steget"}))
    table.add(Row({"number": "7", "name": "Vägen"}))
    html = render_to_string("finsam/partials/table.html", {"table": table})
    assert '<td class="level-0"></td>' in html
    assert '<th scope="row" class="level-0">7</th>' in html
    assert '<th scope="row" class="level-0"></th>' not in html
