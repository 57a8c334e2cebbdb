"""Factories for the projects app."""

import datetime

import factory

from projects.models import Project, ProjectKind, ProjectStatus, ProjectYearAmount
from tests.factories.members import MemberOrganisationFactory

__all__ = ["ProjectFactory", "ProjectYearAmountFactory"]


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    owner = factory.SubFactory(MemberOrganisationFactory)
    association = factory.SelfAttribute("owner.association")
    number = factory.Sequence(lambda n: str(n + 1))
    name = factory.Sequence(lambda n: f"Insats {n + 1}")
    kind = ProjectKind.INDIVIDUAL
    status = ProjectStatus.RUNNING
    start = datetime.date(2009, 1, 1)
    end = datetime.date(2010, 12, 31)


class ProjectYearAmountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectYearAmount

    project = factory.SubFactory(ProjectFactory)
    year = 2010
    amount = 1_000_000
