from django.urls import path

from members import views

app_name = "members"

urlpatterns = [
    path("medlemmar/", views.member_list, name="list"),
    path("medlemmar/<str:kind>/ny/", views.object_create, name="create"),
    path("medlemmar/<str:kind>/<int:pk>/andra/", views.object_edit, name="edit"),
    path("medlemmar/<str:kind>/<int:pk>/ta-bort/", views.object_delete, name="delete"),
    path("medlemsavgifter/", views.fee_table, name="fees"),
    path("medlemsavgifter/importera/", views.fee_import, name="fee_import"),
    path("medlemsavgifter/nytt-ar/", views.fee_year_create, name="fee_year_create"),
    path("medlemsavgifter/<int:year>/andra/", views.fee_year_edit, name="fee_year_edit"),
    path("medlemsavgifter/<int:year>/ta-bort/", views.fee_year_delete, name="fee_year_delete"),
    path("befolkning/", views.population_list, name="populations"),
    path("befolkning/importera/", views.population_import, name="population_import"),
    path("befolkning/registrera/", views.population_edit, name="population_edit"),
    path("styrelse/", views.board, name="board"),
]
