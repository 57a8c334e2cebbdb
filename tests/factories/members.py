"""Factories for the members app."""

import factory

from members.models import FeeStatus, FeeYear, MemberKind, MemberOrganisation
from tests.factories.core import AssociationFactory

__all__ = ["FeeYearFactory", "MemberOrganisationFactory"]


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
