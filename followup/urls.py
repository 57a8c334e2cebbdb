from django.urls import path

from followup import views

app_name = "followup"

urlpatterns = [
    path("<int:year>/uppfoljning/", views.overview, name="overview"),
    path("<int:year>/uppfoljning/installningar/", views.settings_edit, name="settings"),
    path("<int:year>/uppfoljning/mal/nytt/", views.goal_edit, name="goal_create"),
    path("<int:year>/uppfoljning/mal/<int:pk>/andra/", views.goal_edit, name="goal_edit"),
    path("<int:year>/uppfoljning/mal/<int:pk>/ta-bort/", views.goal_delete, name="goal_delete"),
    path(
        "<int:year>/uppfoljning/mal/<int:goal_pk>/resultatmal/nytt/",
        views.target_create,
        name="target_create",
    ),
    path("<int:year>/uppfoljning/resultatmal/<int:pk>/andra/", views.target_edit, name="target_edit"),
    path("<int:year>/uppfoljning/resultatmal/<int:pk>/ta-bort/", views.target_delete, name="target_delete"),
    path("<int:year>/uppfoljning/mal/kopiera-till-nasta-ar/", views.carry_over, name="carry_over"),
    path("<int:year>/uppfoljning/rapporter/inkommen/", views.status_report_create, name="status_report"),
    path("<int:year>/uppfoljning/insatser/<int:pk>/", views.project_figures, name="project"),
    path(
        "<int:year>/uppfoljning/insatser/<int:pk>/period/<int:period>/",
        views.period_report_edit,
        name="period",
    ),
    path("<int:year>/uppfoljning/insatser/<int:pk>/planerat/", views.planned_participants, name="planned"),
    path("<int:year>/uppfoljning/aktiviteter/", views.activity_list, name="activities"),
    path("<int:year>/uppfoljning/aktiviteter/ny/", views.activity_edit, name="activity_create"),
    path("<int:year>/uppfoljning/aktiviteter/<int:pk>/andra/", views.activity_edit, name="activity_edit"),
    path(
        "<int:year>/uppfoljning/aktiviteter/<int:pk>/ta-bort/", views.activity_delete, name="activity_delete"
    ),
    path("<int:year>/uppfoljning/nationell-rapport/", views.national_report, name="national"),
    path("<int:year>/uppfoljning/nationell-rapport/csv/", views.national_csv, name="national_csv"),
    path("<int:year>/uppfoljning/nationell-rapport/xlsx/", views.national_xlsx, name="national_xlsx"),
    path("paminnelser/", views.reminder_log, name="reminders"),
    path("<int:year>/uppfoljning/forsorjningsmatt/", views.support_measure, name="support_measure"),
    path("<int:year>/uppfoljning/forsorjningsmatt/halvar/<int:half>/", views.benefits_edit, name="benefits"),
]
