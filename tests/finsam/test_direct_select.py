"""The history's filter selects are written directly (finsam.forms.DirectSelect): the markup must be Django's."""

import re

import pytest
from django import forms

from finsam.forms import DirectSelect

CHOICES = [("", "Allt"), ("projects.project", "Insatser & <b>fet</b>"), ("7", 'Anna "A" Öberg')]


@pytest.mark.parametrize("value", ["projects.project", None, "", "7", "okänd"])
def test_a_direct_select_writes_what_djangos_select_writes(value):
    attrs = {"class": "form-select", "id": "id_typ"}
    django_select = forms.Select(attrs=attrs, choices=CHOICES).render("typ", value)
    direct = DirectSelect(attrs=attrs, choices=CHOICES).render("typ", value)
    assert direct == re.sub(r">\s+<", "><", django_select).strip()
    assert "&lt;b&gt;fet&lt;/b&gt;" in direct and "<b>" not in direct


def test_the_chosen_option_is_selected():
    html = DirectSelect(choices=CHOICES).render("typ", "7")
    assert '<option value="7" selected>Anna &quot;A&quot; Öberg</option>' in html
