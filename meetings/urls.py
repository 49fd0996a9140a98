from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("profile/", views.profile, name="profile"),
    path("groups/<slug:code>/", views.group_detail, name="group_detail"),
]
