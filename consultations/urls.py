from django.urls import path, re_path

from consultations.views import dashboard, desk, export, visits
from portal.views import moved_permanently

app_name = "consultations"

REF = r"(?P<reference>C-\d{4}-\d{5,})"

urlpatterns = [
    path("", desk.queue, name="queue"),
    path("new/", desk.new, name="new"),
    path("export.csv", export.export_csv, name="export"),
    path("exports/", export.export_list, name="exports"),
    path("exports/<int:pk>/", export.export_download, name="export_download"),
    path("assign/", desk.bulk_assign, name="bulk_assign"),
    path("visits/", visits.visits, name="visits"),
    path("visits/<int:pk>/", visits.visit_edit, name="visit_edit"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    # The notices page moved to the kernel; bookmarks and forms still reach it.
    path("notifications/", moved_permanently("notification_list"), name="notifications"),
    # The hand-over moved to the kernel (/accounts/members/handover/); old links and notices still reach it.
    path("handover/", moved_permanently("handover"), name="handover"),
    path("handover/<int:pk>/", moved_permanently("handover_detail"), name="handover_detail"),
    path("handover/<int:pk>/confirm/", moved_permanently("handover_confirm"), name="handover_confirm"),
    path("handover/<int:pk>/refuse/", moved_permanently("handover_refuse"), name="handover_refuse"),
    path("handover/<int:pk>/cancel/", moved_permanently("handover_cancel"), name="handover_cancel"),
    re_path(rf"^{REF}/$", desk.detail, name="detail"),
    re_path(rf"^{REF}/reply/$", desk.reply, name="reply"),
    re_path(rf"^{REF}/note/$", desk.note, name="note"),
    re_path(rf"^{REF}/messages/(?P<message_id>\d+)/edit/$", desk.edit_message, name="edit_message"),
    re_path(rf"^{REF}/transition/$", desk.transition, name="transition"),
    re_path(
        rf"^{REF}/transition/(?P<to>closed|withdrawn)/$", desk.transition_confirm, name="transition_confirm"
    ),
    re_path(rf"^{REF}/assign/$", desk.assign, name="assign"),
    re_path(rf"^{REF}/follow/$", desk.follow, name="follow"),
    re_path(rf"^{REF}/rate/$", desk.rate, name="rate"),
    re_path(rf"^{REF}/visit/$", desk.request_visit, name="request_visit"),
    re_path(rf"^{REF}/files/(?P<attachment_id>\d+)/$", desk.download, name="download"),
]
