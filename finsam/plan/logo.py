"""The association's logo on a plan's title page: a PNG or JPEG the office uploads, checked before it is kept."""

import base64
import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_LOGO_BYTES = 500 * 1024  # a title-page logo; larger files are photos, not logos
MAX_LOGO_PIXELS = 4000  # per side
LOGO_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}


def checked_logo(content: bytes) -> bytes:
    """The uploaded bytes if they are a readable PNG or JPEG of sensible size; else a message for the office."""
    if len(content) > MAX_LOGO_BYTES:
        raise ValidationError(
            _("Logotypen får vara högst %(kb)s kB.") % {"kb": MAX_LOGO_BYTES // 1024}, code="size"
        )
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(content)) as image:
            kind = image.format
            image.verify()
            width, height = image.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(_("Logotypen måste vara en PNG- eller JPEG-bild."), code="type") from None
    if kind not in LOGO_TYPES:
        raise ValidationError(_("Logotypen måste vara en PNG- eller JPEG-bild."), code="type")
    if max(width, height) > MAX_LOGO_PIXELS:
        raise ValidationError(
            _("Logotypen får vara högst %(px)s bildpunkter bred och hög.") % {"px": MAX_LOGO_PIXELS},
            code="pixels",
        )
    return content


def logo_data_uri(content: bytes | memoryview | None) -> str:
    """The logo as a data: URI for the print HTML (no file path or URL for WeasyPrint to fetch)."""
    if not content:
        return ""
    content = bytes(content)
    mime = "image/png" if content.startswith(b"\x89PNG") else "image/jpeg"
    return f"data:{mime};base64,{base64.b64encode(content).decode('ascii')}"
