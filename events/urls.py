from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_edit, name="new"),
    path("mine.ics", views.mine_ics, name="mine_ics"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/summary/", views.summary, name="summary"),
    path("<int:pk>/materials/new/", views.material_new, name="material_new"),
    path("<int:pk>/outcomes/", views.outcome_add, name="outcome_add"),
    path("outcomes/<int:pk>/remove/", views.outcome_remove, name="outcome_remove"),
    path("<int:pk>/event.ics", views.event_ics, name="event_ics"),
    path("registrations/<int:pk>/cancel/", views.registration_cancel, name="registration_cancel"),
    path("registrations/<int:pk>/follow-up/", views.follow_up, name="follow_up"),
    path("materials/<int:pk>/", views.material_download, name="material"),
    path("visits/", views.visit_list, name="visits"),
    path("visits/new/", views.visit_new, name="visit_new"),
    path("visits/<int:pk>/", views.visit_detail, name="visit"),
    path("visits/<int:pk>/accept/", views.visit_accept, name="visit_accept"),
    path("visits/<int:pk>/decline/", views.visit_decline, name="visit_decline"),
    path("visits/<int:pk>/join/", views.visit_join, name="visit_join"),
]
