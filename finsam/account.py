"""Login matters beyond Django's own views: the second factor, password reset by mail in the background."""

import base64
from urllib.parse import urlencode

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from finsam.tasks import send_email


class BackgroundPasswordResetForm(PasswordResetForm):
    """Django's reset form, with the mail handed to the background worker."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        send_email.enqueue(subject=subject, body=body, to=[to_email])


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Kod från appen"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=_("Sex siffror från din autentiseringsapp (t.ex. Microsoft Authenticator eller FreeOTP)."),
    )


def _next(request) -> str:
    target = request.GET.get("next") or request.POST.get("next") or "/"
    return target if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) else "/"


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """Add an authenticator app: scan the code (or type the key), then confirm with one code from it."""
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect(f"{reverse('two_factor_verify')}?{urlencode({'next': _next(request)})}")
    device = TOTPDevice.objects.filter(
        user=request.user, confirmed=False
    ).first() or TOTPDevice.objects.create(user=request.user, name="FINSAM Admin", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error(
            "token", _("Koden stämmer inte. Kontrollera att telefonens klocka går rätt och försök igen.")
        )
    qr = segno.make(device.config_url, error="m").svg_inline(
        scale=4, title=str(_("QR-kod för autentiseringsappen"))
    )
    context = {
        "form": form,
        "qr": mark_safe(qr),  # noqa: S308 (generated here from the device's own URL)
        "secret": base64.b32encode(device.bin_key).decode(),
        "next": _next(request),
    }
    return render(request, "registration/two_factor_setup.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].strip()
        for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
            if device.verify_token(token):
                otp_login(request, device)
                return redirect(_next(request))
        form.add_error(
            "token", _("Koden stämmer inte, eller har redan använts. Vänta på nästa kod och försök igen.")
        )
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": _next(request)})


def healthz(request):
    """For the load balancer: 200 when the database answers, 503 when it does not. No login, no session."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("databasen svarar inte\n", status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


def client_ip(request) -> str | None:
    """The address the lockout counts (django-axes' AXES_CLIENT_IP_CALLABLE).

    Without a proxy, the connection's own address. Behind TRUSTED_PROXY_COUNT trusted proxies, the address the
    outermost of them saw: the proxy-count'th entry from the right of X-Forwarded-For (entries further left are
    whatever the client chose to send, so they are never trusted).
    """
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
