"""Factories for the core: users, associations and access grants."""

__all__ = ["AccessGrantFactory", "AssociationFactory", "UserFactory"]

import datetime

import factory
from django.contrib.auth import get_user_model

from finsam.lib.periods import DatePrecision
from finsam.models import AccessGrant, Association, Role


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Anna"
    last_name = "Andersson"
    password = factory.PostGenerationMethodCall("set_password", "password")

    @factory.post_generation
    def _save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class AssociationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Association
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Samordningsförbundet Test {n}")
    short_name = factory.Sequence(lambda n: f"Test {n}")
    slug = factory.Sequence(lambda n: f"test-{n}")
    county = "Södermanlands län"
    founded = datetime.date(2005, 1, 1)
    founded_precision = DatePrecision.YEAR


class AccessGrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessGrant

    user = factory.SubFactory(UserFactory)
    association = factory.SubFactory(AssociationFactory)
    role = Role.KANSLI
