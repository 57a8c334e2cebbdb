"""Factories for the projects app."""

import datetime

import factory

from projects.models import Decision, DecisionOutcome, Project, ProjectKind, ProjectStatus, ProjectYearAmount
from tests.factories.members import MemberOrganisationFactory

__all__ = ["DecisionFactory", "ProjectFactory", "ProjectYearAmountFactory", "granted_project"]


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


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    project = factory.SubFactory(ProjectFactory)
    association = factory.SelfAttribute("project.association")
    decided_on = datetime.date(2008, 12, 1)
    outcome = DecisionOutcome.GRANTED
    granted_amount = 1_000_000


def granted_project(amounts: dict[int, int], **kwargs) -> Project:
    """A project with one granted decision whose total is the sum of `amounts` and those yearly amounts."""
    project = ProjectFactory(**kwargs)
    DecisionFactory(project=project, granted_amount=sum(amounts.values()))
    for year, amount in amounts.items():
        ProjectYearAmountFactory(project=project, year=year, amount=amount)
    return project
