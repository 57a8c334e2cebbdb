from django.urls import path

from finsam.plan import report_views, views

app_name = "plan"

urlpatterns = [
    path("planer/", views.adopted_plans, name="adopted"),
    path("<int:year>/plan/", views.plan_detail, name="detail"),
    path("<int:year>/plan/skapa/", views.plan_create, name="create"),
    path("<int:year>/plan/andra/", views.plan_edit, name="edit"),
    path("<int:year>/plan/kopiera-till-nasta-ar/", views.plan_copy, name="copy"),
    path("<int:year>/plan/pdf/", views.plan_pdf_download, name="pdf"),
    path("<int:year>/plan/excel/", views.plan_xlsx_download, name="xlsx"),
    path("<int:year>/plan/faststall/", views.plan_adopt, name="adopt"),
    path("<int:year>/plan/revidera/", views.plan_revise, name="revise"),
    path("<int:year>/plan/versioner/", views.plan_versions, name="versions"),
    path(
        "<int:year>/plan/versioner/<int:number>/pdf/",
        views.plan_version_download,
        {"extension": "pdf"},
        name="version_pdf",
    ),
    path(
        "<int:year>/plan/versioner/<int:number>/excel/",
        views.plan_version_download,
        {"extension": "xlsx"},
        name="version_xlsx",
    ),
    path("<int:year>/plan/avsnitt/<int:pk>/flytta/", views.section_move, name="move"),
    path("<int:year>/plan/forhandsvisning/", views.section_preview, name="preview"),
    path("<int:year>/plan/<str:kind>/ny/", views.row_edit, name="row_create"),
    path("<int:year>/plan/<str:kind>/<int:pk>/andra/", views.row_edit, name="row_edit"),
    path("<int:year>/plan/<str:kind>/<int:pk>/ta-bort/", views.row_delete, name="row_delete"),
    # The year's report (verksamhetsberättelse), the plan's twin: finsam/plan/report_views.py
    path("<int:year>/verksamhetsberattelse/", report_views.report_detail, name="report"),
    path("<int:year>/verksamhetsberattelse/skapa/", report_views.report_create, name="report_create"),
    path("<int:year>/verksamhetsberattelse/andra/", report_views.report_edit, name="report_edit"),
    path("<int:year>/verksamhetsberattelse/pdf/", report_views.report_pdf_download, name="report_pdf"),
    path("<int:year>/verksamhetsberattelse/excel/", report_views.report_xlsx_download, name="report_xlsx"),
    path("<int:year>/verksamhetsberattelse/faststall/", report_views.report_adopt, name="report_adopt"),
    path("<int:year>/verksamhetsberattelse/revidera/", report_views.report_revise, name="report_revise"),
    path(
        "<int:year>/verksamhetsberattelse/versioner/<int:number>/pdf/",
        report_views.report_version_download,
        {"extension": "pdf"},
        name="report_version_pdf",
    ),
    path(
        "<int:year>/verksamhetsberattelse/versioner/<int:number>/excel/",
        report_views.report_version_download,
        {"extension": "xlsx"},
        name="report_version_xlsx",
    ),
    path(
        "<int:year>/verksamhetsberattelse/avsnitt/ny/",
        report_views.report_section_edit,
        name="report_section_create",
    ),
    path(
        "<int:year>/verksamhetsberattelse/avsnitt/<int:pk>/andra/",
        report_views.report_section_edit,
        name="report_section_edit",
    ),
    path(
        "<int:year>/verksamhetsberattelse/avsnitt/<int:pk>/ta-bort/",
        report_views.report_section_delete,
        name="report_section_delete",
    ),
    path(
        "<int:year>/verksamhetsberattelse/avsnitt/<int:pk>/flytta/",
        report_views.report_section_move,
        name="report_section_move",
    ),
]
