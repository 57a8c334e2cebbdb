from decimal import Decimal
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from followup.indicators import ActivityFigures, Figures, evaluate, is_met
from followup.models import GENDERS, OUTCOMES, Comparison, Indicator


def report(**counts):
    values = {
        f"{prefix}_{g}": 0 for prefix in ("started", "participated", "ended", *OUTCOMES) for g in GENDERS
    }
    values.update(counts)
    return SimpleNamespace(**values)


def test_shares_are_computed_per_gender_and_in_total():
    figures = Figures.of(
        [
            report(
                participated_women=10,
                ended_women=4,
                work_women=1,
                studies_women=1,
                job_seeking_women=1,
                none_women=1,
            ),
            report(participated_men=8, ended_men=5, work_men=1, activity_men=2, unknown_men=2),
        ]
    )
    assert figures.work_or_studies_share("women") == Decimal("50.0")  # 2 of 4
    assert figures.work_or_studies_share("men") == Decimal("20.0")  # 1 of 5
    assert figures.work_or_studies_share() == Decimal("33.3")  # 3 of 9
    assert figures.next_activity_share("women") == Decimal("75.0")  # work, studies, job seeking: 3 of 4
    assert figures.next_activity_share("men") == Decimal("60.0")  # work, activity: 3 of 5
    assert figures.next_activity_share() == Decimal("66.7")
    assert figures.total("participated") == 18


def test_a_period_with_nobody_ended_has_no_data_not_zero():
    figures = Figures.of([report(participated_women=10)])
    assert figures.work_or_studies_share() is None
    assert figures.next_activity_share("women") is None
    assert Figures().work_or_studies_share() is None


def test_targets_are_met_or_not_and_no_data_cannot_be_judged():
    assert is_met(Decimal("35.0"), Comparison.AT_LEAST, Decimal("35")) is True
    assert is_met(Decimal("34.9"), Comparison.AT_LEAST, Decimal("35")) is False
    assert is_met(5, Comparison.AT_MOST, Decimal("4")) is False
    assert is_met(None, Comparison.AT_LEAST, Decimal("35")) is None


def test_activity_targets_count_activities_and_their_participants():
    activities = ActivityFigures(activities=12, participants={"women": 400, "men": 190, "other": 10})
    target = SimpleNamespace(
        indicator=Indicator.ACTIVITY_PARTICIPANTS, comparison="gte", target_value=Decimal("600")
    )
    outcome = evaluate(target, Figures(), activities)
    assert (outcome.value, outcome.met) == (600, True)
    assert outcome.by_gender == {"women": 400, "men": 190, "other": 10}


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50)), min_size=1, max_size=10))
def test_a_share_is_always_between_0_and_100_or_no_data(pairs):
    reports = [
        report(participated_women=e, ended_women=e, work_women=w if w <= e else e, none_women=e - min(w, e))
        for e, w in pairs
    ]
    share = Figures.of(reports).work_or_studies_share()
    total_ended = sum(e for e, _w in pairs)
    assert share is None if total_ended == 0 else Decimal(0) <= share <= Decimal(100)
