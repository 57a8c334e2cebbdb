"""Each role's menu holds only what it can use, and the document links say what they give."""

import re

import pytest
from django.urls import reverse

from finsam.plan import services

LINK = re.compile(r"<a [^>]*>([^<]+)</a>|<button type=\"submit\" class=\"dropdown-item\">([^<]+)</button>")

COMMON = [
    "Översikt",
    "Medlemsorganisationer",
    "Medlemsavgifter",
    "Befolkning",
    "Styrelse och grupper",
    "Insatser",
    "Ansökningar och beslut",
    "Rekvirerade medel",
    "Budgetar",
    "Radstruktur",
    "Mål och resultat",
    "Egna aktiviteter",
    "Uppföljning Finsam",
    "Försörjningsmått",
    "Verksamhetsplaner",
]
MENUS = {
    "kansli": [
        *COMMON[:10],
        "Inställningar och regler",
        *COMMON[10:],
        "Historik",
        "Byt lösenord",
        "Administration",
    ],
    "styrelse": [*COMMON, "Byt lösenord"],
    "revisor": [*COMMON, "Historik", "Byt lösenord"],
}


def _menu(html: str) -> list[str]:
    """The link texts of the association's menu and the user's menu, in order (the skip link and brand left out)."""
    nav = html[html.index('<ul class="navbar-nav') : html.index("</nav>")]
    return [(link or button).strip() for link, button in LINK.findall(nav) if (link or button).strip()][:-1]


@pytest.mark.parametrize("role", ["kansli", "styrelse", "revisor"])
def test_each_role_sees_exactly_the_menu_items_it_can_use(client, users_by_role, association, role):
    client.force_login(users_by_role[role])
    html = client.get(reverse("association", kwargs={"slug": association.slug})).content.decode()
    assert _menu(html) == MENUS[role]


@pytest.mark.parametrize(
    ("role", "links"),
    [
        ("kansli", ["Ladda ner utkast (PDF)", "Exportera till Excel"]),
        ("styrelse", ["Ladda ner utkast (PDF)"]),
        ("revisor", ["Ladda ner utkast (PDF)", "Exportera till Excel"]),
    ],
)
def test_board_members_download_the_plan_and_auditors_also_export_it(
    client, users_by_role, association, role, links
):
    services.create_plan(association=association, year=2010, reference="09-19")
    client.force_login(users_by_role[role])
    html = client.get(
        reverse("plan:detail", kwargs={"slug": association.slug, "year": 2010})
    ).content.decode()
    shown = [text for text in ("Ladda ner utkast (PDF)", "Exportera till Excel") if f">{text}</a>" in html]
    assert shown == links
    excel = client.get(reverse("plan:xlsx", kwargs={"slug": association.slug, "year": 2010}))
    assert excel.status_code == (200 if "Exportera till Excel" in links else 403)
