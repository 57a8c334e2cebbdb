from django.urls import path

from projects import views

app_name = "projects"

urlpatterns = [
    path("insatser/", views.project_list, name="list"),
    path("insatser/ny/", views.project_create, name="create"),
    path("insatser/importera/", views.project_import, name="import"),
    path("insatser/regler/", views.rules_edit, name="rules"),
    path("insatser/rekvisitioner/", views.requisition_overview, name="requisitions"),
    path("insatser/<int:pk>/", views.project_detail, name="detail"),
    path("insatser/<int:pk>/andra/", views.project_edit, name="edit"),
    path("insatser/<int:pk>/ta-bort/", views.project_delete, name="delete"),
    path("insatser/<int:pk>/belopp/", views.project_years, name="years"),
    path("insatser/<int:pk>/beslut/ny/", views.decision_create, name="decision_create"),
    path("insatser/<int:pk>/beslut/<int:dpk>/andra/", views.decision_edit, name="decision_edit"),
    path("insatser/<int:pk>/beslut/<int:dpk>/ta-bort/", views.decision_delete, name="decision_delete"),
    path("insatser/<int:pk>/rekvisitioner/ny/", views.requisition_create, name="requisition_create"),
    path("insatser/<int:pk>/rekvisitioner/<int:rpk>/andra/", views.requisition_edit, name="requisition_edit"),
    path(
        "insatser/<int:pk>/rekvisitioner/<int:rpk>/ta-bort/",
        views.requisition_delete,
        name="requisition_delete",
    ),
    path("ansokningar/", views.application_list, name="applications"),
    path("ansokningar/ny/", views.application_create, name="application_create"),
    path("ansokningar/<int:pk>/andra/", views.application_edit, name="application_edit"),
    path("ansokningar/<int:pk>/beslut/", views.application_decide, name="application_decide"),
    path("ansokningar/omgangar/ny/", views.round_edit, name="round_create"),
    path("ansokningar/omgangar/<int:pk>/andra/", views.round_edit, name="round_edit"),
    path("ansokningar/omgangar/<int:pk>/ta-bort/", views.round_delete, name="round_delete"),
]
