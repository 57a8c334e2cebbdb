"""Background work (django-tasks): what would otherwise make a person wait for a render or a mail server."""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(*, subject: str, body: str, to: list[str], html_body: str = "") -> None:
    """One e-mail, sent by the worker (the SMTP server's pace never holds up a page)."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()
