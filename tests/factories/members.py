"""Factories for the members app."""

import datetime
from decimal import Decimal

import factory

from members.models import (
    BoardRole,
    BoardSeat,
    FeeStatus,
    FeeYear,
    FixedShare,
    MemberKind,
    MemberOrganisation,
    Population,
)
from tests.factories.core import AssociationFactory

__all__ = [
    "BoardSeatFactory",
    "FeeYearFactory",
    "FixedShareFactory",
    "MemberOrganisationFactory",
    "PopulationFactory",
]


class MemberOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberOrganisation

    association = factory.SubFactory(AssociationFactory)
    name = factory.Sequence(lambda n: f"Kommun {n}")
    kind = MemberKind.MUNICIPALITY


class FeeYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeeYear

    association = factory.SubFactory(AssociationFactory)
    year = 2009
    total = 15_000_000
    status = FeeStatus.FINAL


class PopulationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Population

    member = factory.SubFactory(MemberOrganisationFactory)
    reference_date = datetime.date(2008, 11, 1)
    inhabitants = 10_000


class FixedShareFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FixedShare

    fee_year = factory.SubFactory(FeeYearFactory)
    member = factory.SubFactory(
        MemberOrganisationFactory, association=factory.SelfAttribute("..fee_year.association")
    )
    percent = Decimal("100")


class BoardSeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardSeat

    member = factory.SubFactory(MemberOrganisationFactory)
    person_name = factory.Sequence(lambda n: f"Person {n}")
    role = BoardRole.MEMBER
    term_from = datetime.date(2009, 1, 1)
