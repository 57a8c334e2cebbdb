from django.urls import path

from budget import views

app_name = "budget"

urlpatterns = [
    path("budget/", views.budget_list, name="list"),
    path("budget/ny/", views.budget_create, name="create"),
    path("budget/importera/", views.budget_import, name="import"),
    path("budget/rader/", views.line_list, name="lines"),
    path("budget/rader/ny/", views.line_edit, name="line_create"),
    path("budget/rader/<int:pk>/andra/", views.line_edit, name="line_edit"),
    path("budget/rader/<int:pk>/ta-bort/", views.line_delete, name="line_delete"),
    path("budget/installningar/", views.settings_edit, name="settings"),
    path("<int:year>/budget/", views.budget_detail, name="detail"),
    path("<int:year>/budget/statens-medel/", views.allocation_basis_edit, name="allocation_basis"),
    path("<int:year>/budget/jamfor/", views.budget_compare, name="compare"),
    path("<int:year>/budget/pdf/", views.budget_pdf_download, name="pdf"),
    path("<int:year>/budget/excel/", views.budget_xlsx_download, name="xlsx"),
    path("<int:year>/budget/utfall/", views.outcome_grid, name="outcome"),
    path("<int:year>/budget/v<int:number>/andra/", views.budget_grid, name="grid"),
    path("<int:year>/budget/v<int:number>/faststall/", views.budget_adopt, name="adopt"),
    path("<int:year>/budget/v<int:number>/revidera/", views.budget_revise, name="revise"),
]
