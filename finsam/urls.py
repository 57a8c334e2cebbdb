from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from finsam import account, views

account_patterns = [
    path("logga-in/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("losenord/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("losenord/klart/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path(
        "glomt-losenord/",
        auth_views.PasswordResetView.as_view(form_class=account.BackgroundPasswordResetForm),
        name="password_reset",
    ),
    path("glomt-losenord/skickat/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "aterstall/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("aterstall/klart/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("tvastegsverifiering/aktivera/", account.two_factor_setup, name="two_factor_setup"),
    path("tvastegsverifiering/verifiera/", account.two_factor_verify, name="two_factor_verify"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz/", account.healthz, name="healthz"),
    path("konto/", include(account_patterns)),
    path("sprak/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("<slug:slug>/", views.association_start, name="association"),
    path("<slug:slug>/andra/", views.association_edit, name="association_edit"),
    path("<slug:slug>/historik/", views.association_history, name="association_history"),
    path(
        "<slug:slug>/historik/aterstall/<str:model>/<int:history_id>/",
        views.association_restore,
        name="association_restore",
    ),
    path("<slug:slug>/senaste/<str:page>/", views.latest_year_page, name="latest_year_page"),
    path("<slug:slug>/<int:year>/", views.plan_year, name="plan_year"),
    path("<slug:slug>/", include("finsam.plan.urls")),
    # The apps hang their pages below an association: /<slug>/medlemmar/…, /<slug>/<year>/budget/…
    path("<slug:slug>/", include("members.urls")),
    path("<slug:slug>/", include("projects.urls")),
    path("<slug:slug>/", include("budget.urls")),
    path("<slug:slug>/", include("followup.urls")),
]
