"""Factories for the followup app."""

import factory

from followup.models import PeriodReport
from tests.factories.projects import ProjectFactory

__all__ = ["PeriodReportFactory"]


class PeriodReportFactory(factory.django.DjangoModelFactory):
    """A half-year with 10 women and 10 men taking part, nobody ended (override counts as needed)."""

    class Meta:
        model = PeriodReport

    project = factory.SubFactory(ProjectFactory)
    year = 2023
    period = 1
    participated_women = 10
    participated_men = 10
