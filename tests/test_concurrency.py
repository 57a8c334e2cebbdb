"""Two people save the same thing at the same moment: one wins, the other is told, nothing is lost.

Run with two threads against PostgreSQL, where row locks are real (SQLite lets one writer at a time and has no
`SELECT … FOR UPDATE`). Both requests are held at a barrier just before they take their lock, so they really
overlap at the point where a missing lock would let both through.
"""

import datetime
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from budget.models import BudgetAmount, BudgetLine, BudgetRecord, BudgetVersion, Outcome, VersionStatus
from finsam import concurrency
from finsam.plan import services as plan_services
from finsam.plan.models import PlanStatus, PlanVersion
from tests.factories import BudgetColumnFactory, BudgetLineFactory, BudgetVersionFactory
from tests.forms import form_fields

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks are tested on PostgreSQL (CI runs both databases)",
    ),
]


def run_together(*requests):
    """Run each request (a callable) in its own thread, all started at once; return their results in order."""
    results: list = [None] * len(requests)
    errors: list = []
    start = threading.Barrier(len(requests), timeout=30)

    def run(index, request):
        try:
            start.wait()
            results[index] = request()
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, r)) for i, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


@pytest.fixture
def meet_at_the_lock(monkeypatch):
    """Hold two requests just before they lock, so both have read and validated their input by then."""
    barrier = threading.Barrier(2, timeout=30)
    original = concurrency.lock_rows

    def lock_rows(queryset):
        barrier.wait()
        return original(queryset)

    monkeypatch.setattr(concurrency, "lock_rows", lock_rows)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(client, url, **changes):
    data = form_fields(client.get(url).content.decode(), contains=next(iter(changes)))
    data.pop("csrfmiddlewaretoken", None)
    data.update({key: [value] for key, value in changes.items()})
    return data


def _outcome(responses, stale_text="efter att du öppnade sidan"):
    """(how many were saved, how many were told someone else saved first); never a 5xx."""
    assert all(r.status_code < 500 for r in responses), [r.status_code for r in responses]
    saved = sum(1 for r in responses if r.status_code == 302)
    told = sum(1 for r in responses if r.status_code == 200 and stale_text in r.content.decode())
    return saved, told


def test_two_saves_of_one_edit_form_one_wins_the_other_is_told(office_user, association, meet_at_the_lock):
    line = BudgetLineFactory(association=association, name="Kansli")
    url = reverse("budget:line_edit", kwargs={"slug": association.slug, "pk": line.pk})
    first, second = _client(office_user), _client(office_user)
    data_a, data_b = _form(first, url, name="Kansliet"), _form(second, url, name="Personal")
    responses = run_together(lambda: first.post(url, data_a), lambda: second.post(url, data_b))
    assert _outcome(responses) == (1, 1)
    winner = "Kansliet" if responses[0].status_code == 302 else "Personal"
    assert BudgetLine.objects.get(pk=line.pk).name == winner
    assert BudgetLine.history.filter(id=line.pk, history_type="~").count() == 1


def test_two_saves_of_the_budget_grid_one_wins_the_other_is_told(office_user, association, meet_at_the_lock):
    staff = BudgetLineFactory(association=association, name="Kansli")
    board = BudgetLineFactory(association=association, name="Styrelse")
    version = BudgetVersionFactory(budget__association=association, budget__plan_year=2010)
    BudgetColumnFactory(version=version, year=2010)
    url = reverse("budget:grid", kwargs={"slug": association.slug, "year": 2010, "number": 1})
    first, second = _client(office_user), _client(office_user)
    data_a = _form(first, url, **{f"cell_{staff.pk}_2010": "100"})
    data_b = _form(second, url, **{f"cell_{board.pk}_2010": "200"})
    responses = run_together(lambda: first.post(url, data_a), lambda: second.post(url, data_b))
    assert _outcome(responses) == (1, 1)
    stored = dict(BudgetAmount.objects.filter(version=version).values_list("line__name", "amount"))
    assert stored in ({"Kansli": 100}, {"Styrelse": 200})


def test_two_saves_of_an_admin_change_form_one_wins_the_other_is_told(
    office_user, association, meet_at_the_lock
):
    line = BudgetLineFactory(association=association, name="Kansli")
    url = reverse("admin:budget_budgetline_change", args=[line.pk])
    first, second = _client(office_user), _client(office_user)
    data_a, data_b = _form(first, url, name="Kansliet"), _form(second, url, name="Personal")
    responses = run_together(lambda: first.post(url, data_a), lambda: second.post(url, data_b))
    assert _outcome(responses) == (1, 1)
    assert BudgetLine.objects.get(pk=line.pk).name in ("Kansliet", "Personal")


def test_two_adoptions_of_one_budget_version_one_wins_and_the_date_stays(office_user, association):
    version = BudgetVersionFactory(budget__association=association, budget__plan_year=2010)
    BudgetColumnFactory(version=version, year=2010)
    url = reverse("budget:adopt", kwargs={"slug": association.slug, "year": 2010, "number": 1})
    first, second = _client(office_user), _client(office_user)
    responses = run_together(
        lambda: first.post(url, {"adopted_on": "2009-11-20", "reference": "§ 7"}, follow=True),
        lambda: second.post(url, {"adopted_on": "2009-12-01", "reference": "§ 9"}, follow=True),
    )
    assert [r.status_code for r in responses] == [200, 200]
    pages = [r.content.decode() for r in responses]
    assert sum("Budgeten är fastställd." in page for page in pages) == 1
    assert sum("Versionen fastställdes redan" in page for page in pages) == 1
    version.refresh_from_db()
    record = BudgetRecord.objects.get(version=version)
    assert version.status == VersionStatus.ADOPTED
    assert (version.adopted_on, version.decision_reference) == (record.adopted_on, record.reference)


def test_two_adoptions_of_one_plan_make_one_version(office_user, association):
    plan = plan_services.create_plan(association=association, year=2023)
    plan.sections.filter(block="budget").delete()
    url = reverse("plan:adopt", kwargs={"slug": association.slug, "year": 2023})
    first, second = _client(office_user), _client(office_user)
    responses = run_together(
        lambda: first.post(url, {"adopted_on": "2022-11-20"}, follow=True),
        lambda: second.post(url, {"adopted_on": "2022-11-21"}, follow=True),
    )
    pages = [r.content.decode() for r in responses]
    assert sum("Planen är fastställd som version 1." in page for page in pages) == 1
    assert sum("Planen fastställdes redan" in page for page in pages) == 1
    assert PlanVersion.objects.filter(plan=plan).count() == 1


def test_two_revisions_of_one_budget_version_make_one_draft(office_user, association):
    version = BudgetVersionFactory(budget__association=association, budget__plan_year=2010)
    BudgetColumnFactory(version=version, year=2010)
    from budget import services

    services.adopt(version=version, adopted_on=datetime.date(2009, 11, 20), reference="")
    url = reverse("budget:revise", kwargs={"slug": association.slug, "year": 2010, "number": 1})
    first, second = _client(office_user), _client(office_user)
    data = {"revised_on": "2010-01-13", "reason": "ny budget"}
    responses = run_together(lambda: first.post(url, data), lambda: second.post(url, data))
    assert all(r.status_code == 302 for r in responses)
    assert BudgetVersion.objects.filter(budget=version.budget).count() == 2


def test_two_revisions_of_one_adopted_plan_start_one_and_the_other_is_told(
    office_user, association, meet_at_the_lock
):
    plan = plan_services.create_plan(association=association, year=2023)
    plan.sections.filter(block="budget").delete()
    plan_services.adopt_plan(plan=plan, adopted_on=datetime.date(2022, 11, 20), reference="", paragraph="")
    url = reverse("plan:revise", kwargs={"slug": association.slug, "year": 2023})
    first, second = _client(office_user), _client(office_user)
    responses = run_together(
        lambda: first.post(url, {"revised_on": "2023-01-13", "reason": "ny budget"}, follow=True),
        lambda: second.post(url, {"revised_on": "2023-02-01", "reason": "annat skäl"}, follow=True),
    )
    assert [r.status_code for r in responses] == [200, 200]
    pages = [r.content.decode() for r in responses]
    assert sum("Revisionen är startad." in page for page in pages) == 1
    told = "Planen är inte fastställd, eller en revision pågår redan; ändra den direkt."
    assert sum(told in page for page in pages) == 1
    plan.refresh_from_db()
    winner = (
        ("2023-01-13", "ny budget") if "Revisionen är startad." in pages[0] else ("2023-02-01", "annat skäl")
    )
    assert (plan.status, plan.revised_on.isoformat(), plan.revision_reason) == (PlanStatus.DRAFT, *winner)
    assert list(plan.versions.values_list("number", flat=True)) == [1]
    plan_services.adopt_plan(plan=plan, adopted_on=datetime.date(2023, 3, 1), reference="", paragraph="")
    assert list(plan.versions.values_list("number", flat=True)) == [1, 2]  # the revision is one new version


def test_two_saves_of_the_outcome_grid_one_wins_the_other_is_told(office_user, association, meet_at_the_lock):
    staff = BudgetLineFactory(association=association, name="Kansli")
    board = BudgetLineFactory(association=association, name="Styrelse")
    url = reverse("budget:outcome", kwargs={"slug": association.slug, "year": 2010})
    first, second = _client(office_user), _client(office_user)
    data_a = _form(first, url, **{f"cell_{staff.pk}_2010": "100"})
    data_b = _form(second, url, **{f"cell_{board.pk}_2010": "200"})
    responses = run_together(lambda: first.post(url, data_a), lambda: second.post(url, data_b))
    assert _outcome(responses) == (1, 1)
    stored = dict(Outcome.objects.filter(year=2010).values_list("line__name", "amount"))
    assert stored in ({"Kansli": 100}, {"Styrelse": 200})
