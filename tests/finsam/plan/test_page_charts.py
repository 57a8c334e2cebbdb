"""The plan's charts on the pages that show the same tables: budget, member fees, projects and follow-up.

Each page draws its chart with the plan's own chart function, as an SVG with a Swedish title and a text
alternative (the `<desc>` a screen reader reads), and no inline script or style.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from followup.models import Goal, ResultTarget
from tests.factories import FeeYearFactory, FixedShareFactory, PeriodReportFactory, granted_project
from tests.scenarios import budget_scenario

pytestmark = pytest.mark.django_db


def _chart(page: str, title: str) -> str:
    """The page's chart with this title, as its text alternative (no-break spaces as spaces)."""
    charts = re.findall(r'<svg [^>]*role="img".*?</svg>', page, re.DOTALL)
    chart = next((c for c in charts if f">{title}</title>" in c), None)
    assert chart is not None, [re.search(r"<title[^>]*>([^<]*)", c)[1] for c in charts]
    assert " style=" not in chart and "<script" not in chart
    return re.search(r"<desc[^>]*>([^<]*)</desc>", chart)[1].replace("\u00a0", " ")


def test_the_budget_page_shows_the_plan_years_costs_in_rars_sign_habit(client, auditor_user, association):
    budget_scenario(association)  # income shown negative, as RAR does
    client.force_login(auditor_user)
    page = client.get(
        reverse("budget:detail", kwargs={"slug": association.slug, "year": 2010})
    ).content.decode()
    description = _chart(page, "Kostnaderna i budget 2010")
    assert description == "Totalt 7 000 tkr: Kansli 2 000 tkr (28,6 %); Insatser 5 000 tkr (71,4 %)"


def test_the_member_fee_page_shows_each_members_share(client, board_user, association):
    fee_year = FeeYearFactory(association=association, year=2010, split_method="percentages")
    FixedShareFactory(fee_year=fee_year, member__name="Eskilstuna kommun", percent=Decimal("60"))
    FixedShareFactory(fee_year=fee_year, member__name="Flens kommun", percent=Decimal("40"))
    client.force_login(board_user)
    page = client.get(reverse("members:fees", kwargs={"slug": association.slug})).content.decode()
    description = _chart(page, "Medlemsavgifterna, år 2010")
    assert "Eskilstuna kommun: 2 250 tkr, 15,0 %" in description
    assert "Flens kommun: 1 500 tkr, 10,0 %" in description


def test_the_project_list_shows_each_projects_period_with_its_yearly_amounts(client, board_user, association):
    granted_project(
        {2010: 3_000_000, 2011: 1_000_000, 2012: 500_000},
        owner__association=association,
        name="Steget",
        start=datetime.date(2010, 3, 1),
        end=datetime.date(2012, 6, 30),
    )
    client.force_login(board_user)
    page = client.get(
        reverse("projects:list", kwargs={"slug": association.slug}) + "?ar=2010"
    ).content.decode()
    description = _chart(page, "Insatserna över tid")
    assert (
        description
        == "Steget: 2010–2012 (2010: 3 000 tkr, 2011: 1 000 tkr, 2012: 500 tkr), beviljat 4 500 tkr"
    )


def test_the_follow_up_page_shows_goal_attainment_against_target(client, board_user, association):
    goal = Goal.objects.create(association=association, year=2023, number=1, text="Fler i arbete")
    ResultTarget.objects.create(
        goal=goal,
        text="Minst 35 % ska gå till arbete eller studier",
        indicator="work_or_studies",
        target_value=35,
    )
    project = granted_project(
        {2023: 1_000_000},
        owner__association=association,
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2023, 12, 31),
    )
    PeriodReportFactory(project=project, period=1, ended_women=2, work_women=1, none_women=1)
    client.force_login(board_user)
    page = client.get(
        reverse("followup:overview", kwargs={"slug": association.slug, "year": 2023})
    ).content.decode()
    description = _chart(page, "Måluppfyllelse mot resultatmålen")
    assert description == "Minst 35 % ska gå till arbete eller studier: utfall 50 %, mål 35 %, uppnått"
