import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.urls import reverse
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


class AtomicWritesMiddleware:
    """A request that writes (anything but GET, HEAD, OPTIONS) runs its view in one transaction.

    What Django's ATOMIC_REQUESTS does, but only where it matters: the row locks of the change markers
    (finsam/concurrency.py) hold until the response, and a failed save leaves nothing half-written, while pages
    that only read need no transaction. Wrapping the view (not the response) means an exception rolls back.
    """

    SAFE = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method in self.SAFE or getattr(view_func, "_non_atomic_requests", None):
            return None
        with transaction.atomic():
            return view_func(request, *view_args, **view_kwargs)


class PermissionsPolicyMiddleware:
    """The browser features no page of ours uses are switched off for all of them."""

    POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.POLICY)
        return response


class SecondFactorMiddleware:
    """Office staff and superusers verify a second factor (TOTP) before anything else, when required.

    On with REQUIRE_2FA_FOR_OFFICE (on in production). Without a confirmed device the user is sent to set one
    up; with one, to enter a code. Board members and auditors, who change nothing, are not asked.
    """

    OPEN = ("/konto/", "/static/", "/healthz/", "/sprak/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_verify(request):
            from django.shortcuts import redirect
            from django_otp.plugins.otp_totp.models import TOTPDevice

            confirmed = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
            target = "two_factor_verify" if confirmed else "two_factor_setup"
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)

    def _must_verify(self, request) -> bool:
        if not settings.REQUIRE_2FA_FOR_OFFICE or not request.user.is_authenticated:
            return False
        if request.path.startswith(self.OPEN) or request.user.is_verified():
            return False
        from finsam.access import is_office_staff_anywhere

        return is_office_staff_anywhere(request.user)


class IdleTimeoutMiddleware:
    """A session ends after SESSION_IDLE_TIMEOUT seconds without a request (two hours by default).

    The last activity is noted in the session only when the note is older than NOTE_EVERY seconds, so most
    requests write nothing (Django's SESSION_SAVE_EVERY_REQUEST would cost a write on every page); a session
    is therefore ended between timeout − NOTE_EVERY and timeout after the last request.
    """

    KEY = "_finsam_last_activity"
    NOTE_EVERY = 300

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(self.KEY)
            if last is not None and now - last > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
            elif last is None or now - last >= self.NOTE_EVERY:
                request.session[self.KEY] = now
        return self.get_response(request)


@receiver(user_logged_in, dispatch_uid="finsam_note_activity_at_login")
def note_activity_at_login(sender, request, user, **kwargs):
    """Logging in is activity: noted in the session being created, so the first page writes nothing more."""
    if request is not None and hasattr(request, "session"):
        request.session[IdleTimeoutMiddleware.KEY] = int(time.time())
