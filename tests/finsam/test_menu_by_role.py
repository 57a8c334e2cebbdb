"""Each role's menu holds only what it can use, and the document links say what they give."""

import re

import pytest
from django.urls import reverse

from finsam.models import Role
from finsam.plan import services
from tests.factories import AccessGrantFactory, AssociationFactory, UserFactory

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


def _switcher(html: str) -> list[tuple[str, str, bool]]:
    menu = html[html.index("Byt förbund") : html.index("</ul>", html.index("Byt förbund"))]
    return [
        (href, name, current == " aria-current")
        for href, current, name in re.findall(
            r'<a class="dropdown-item" href="([^"]+)"( aria-current)?[^>]*>([^<]+)</a>', menu
        )
    ]


@pytest.mark.django_db
def test_the_switcher_lists_the_users_associations_by_name_and_marks_the_one_shown(client):
    user = UserFactory()
    first = AssociationFactory(name="Samordningsförbundet Ö & Å", slug="oa")
    second = AssociationFactory(name="Finsam Alfa", slug="alfa")
    AssociationFactory(name="Finsam Beta, någon annans", slug="beta")
    AccessGrantFactory(user=user, association=first)
    AccessGrantFactory(user=user, association=second, role=Role.STYRELSE)
    client.force_login(user)
    html = client.get(reverse("association", kwargs={"slug": "oa"})).content.decode()
    assert _switcher(html) == [
        ("/alfa/", "Finsam Alfa", False),
        ("/oa/", "Samordningsförbundet Ö &amp; Å", True),
    ]


def test_a_user_of_one_association_has_no_switcher(client, users_by_role, association):
    client.force_login(users_by_role["kansli"])
    html = client.get(reverse("association", kwargs={"slug": association.slug})).content.decode()
    assert "Byt förbund" not in html
