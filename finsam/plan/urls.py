from django.urls import path

from finsam.plan import views

app_name = "plan"

urlpatterns = [
    path("", views.plan_detail, name="detail"),
    path("skapa/", views.plan_create, name="create"),
    path("andra/", views.plan_edit, name="edit"),
    path("kopiera-till-nasta-ar/", views.plan_copy, name="copy"),
    path("pdf/", views.plan_pdf_download, name="pdf"),
    path("excel/", views.plan_xlsx_download, name="xlsx"),
    path("avsnitt/<int:pk>/flytta/", views.section_move, name="move"),
    path("<str:kind>/ny/", views.row_edit, name="row_create"),
    path("<str:kind>/<int:pk>/andra/", views.row_edit, name="row_edit"),
    path("<str:kind>/<int:pk>/ta-bort/", views.row_delete, name="row_delete"),
]
