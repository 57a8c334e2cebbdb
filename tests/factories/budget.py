"""Factories for the budget app."""

import factory

from budget.models import Budget, BudgetColumn, BudgetLine, BudgetVersion, ColumnKind, LineGroup, LineKind
from tests.factories.core import AssociationFactory

__all__ = ["BudgetColumnFactory", "BudgetFactory", "BudgetLineFactory", "BudgetVersionFactory"]


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    association = factory.SubFactory(AssociationFactory)
    name = factory.Sequence(lambda n: f"Rad {n}")
    group = LineGroup.COSTS
    kind = LineKind.ENTERED
    position = factory.Sequence(lambda n: n * 10)


class BudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Budget

    association = factory.SubFactory(AssociationFactory)
    plan_year = 2010


class BudgetVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetVersion

    budget = factory.SubFactory(BudgetFactory)
    number = 1


class BudgetColumnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetColumn

    version = factory.SubFactory(BudgetVersionFactory)
    year = 2010
    kind = ColumnKind.BUDGET
