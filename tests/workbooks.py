"""Workbooks built in the tests, shaped like the tables associations keep, and the import round trip."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile


def workbook(rows: list[list], *, title: str = "Budget", more: dict[str, list[list]] | None = None) -> bytes:
    """An .xlsx with `rows` on its first sheet (None leaves a cell empty) and any `more` sheets."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for name, other in (more or {}).items():
        extra = book.create_sheet(name)
        for row in other:
            extra.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(data: bytes, name: str = "budget.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def preview_and_confirm(client, url: str, data: bytes, name: str = "budget.xlsx", **options):
    """Upload for the preview, then confirm it; returns (preview response, confirm response)."""
    preview = client.post(url, {"file": upload(data, name), **options})
    assert preview.status_code == 200, preview.status_code
    assert "sha256" in preview.context, preview.context["form"].errors
    sha256 = preview.context["sha256"]
    return preview, client.post(url, {"confirm": "1", "sha256": sha256})
