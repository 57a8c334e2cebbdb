from django.urls import path

from finsam.plan import views

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
]
