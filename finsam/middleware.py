from django.conf import settings
from django.utils import translation


class ChosenLanguageMiddleware:
    """Swedish unless the user has chosen another language in the menu.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a public body's staff with an
    English browser would get an English UI they never asked for; here only the explicit choice counts.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
