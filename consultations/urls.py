from django.urls import path, re_path

from consultations import views

app_name = "consultations"

REF = r"(?P<reference>C-\d{4}-\d{5,})"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("new/", views.new, name="new"),
    path("export.csv", views.export_csv, name="export"),
    path("assign/", views.bulk_assign, name="bulk_assign"),
    path("visits/", views.visits, name="visits"),
    path("visits/<int:pk>/", views.visit_edit, name="visit_edit"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("notifications/", views.notifications, name="notifications"),
    path("handover/", views.handover, name="handover"),
    path("handover/<int:pk>/", views.handover_detail, name="handover_detail"),
    path("handover/<int:pk>/confirm/", views.handover_confirm, name="handover_confirm"),
    path("handover/<int:pk>/refuse/", views.handover_refuse, name="handover_refuse"),
    path("handover/<int:pk>/cancel/", views.handover_cancel, name="handover_cancel"),
    re_path(rf"^{REF}/$", views.detail, name="detail"),
    re_path(rf"^{REF}/reply/$", views.reply, name="reply"),
    re_path(rf"^{REF}/note/$", views.note, name="note"),
    re_path(rf"^{REF}/messages/(?P<message_id>\d+)/edit/$", views.edit_message, name="edit_message"),
    re_path(rf"^{REF}/transition/$", views.transition, name="transition"),
    re_path(
        rf"^{REF}/transition/(?P<to>closed|withdrawn)/$", views.transition_confirm, name="transition_confirm"
    ),
    re_path(rf"^{REF}/assign/$", views.assign, name="assign"),
    re_path(rf"^{REF}/follow/$", views.follow, name="follow"),
    re_path(rf"^{REF}/rate/$", views.rate, name="rate"),
    re_path(rf"^{REF}/visit/$", views.request_visit, name="request_visit"),
    re_path(rf"^{REF}/files/(?P<attachment_id>\d+)/$", views.download, name="download"),
]
