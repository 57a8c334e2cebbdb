"""Every main page renders in English too (a broken placeholder in a translation would fail here)."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

PAGES = [
    "/rar-sormland/",
    "/rar-sormland/2023/",
    "/rar-sormland/historik/",
    "/rar-sormland/medlemmar/",
    "/rar-sormland/medlemsavgifter/?ar=2007&ar=2008&ar=2009",
    "/rar-sormland/befolkning/",
    "/rar-sormland/styrelse/",
    "/landskrona-svalov/styrelse/?ar=2009",
    "/rar-sormland/insatser/?ar=2010",
    "/rar-sormland/insatser/rekvisitioner/?ar=2010",
    "/rar-sormland/ansokningar/",
    "/rar-sormland/budget/",
    "/rar-sormland/budget/rader/",
    "/rar-sormland/2010/budget/",
    "/rar-sormland/2023/budget/",
    "/landskrona-svalov/2010/budget/",
    "/rar-sormland/2023/uppfoljning/",
    "/rar-sormland/2023/uppfoljning/aktiviteter/",
    "/rar-sormland/2010/uppfoljning/nationell-rapport/",
    "/rar-sormland/2023/uppfoljning/forsorjningsmatt/",
    "/rar-sormland/2023/plan/",
    "/rar-sormland/2010/plan/",
]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_main_page_renders(client, db, language):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    client.force_login(get_user_model().objects.get(username="kansli"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'<html lang="{language}">' in response.content.decode(), url
