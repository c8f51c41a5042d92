"""The queue as a CSV file, with the queue's filters, for Excel: streamed when small, otherwise built in
the background and listed on the user's exports page (consultations.exports)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from consultations import exports, policy
from consultations.filters import QueueFilter
from portal import access
from portal.uploads import storage

RECENT = 20


@login_required
@require_GET
def export_csv(request):
    access.require_or_404(request.user, "consultation.list")
    today = timezone.localdate()
    queue_filter = QueueFilter.for_request(
        request, today=today, for_advisor=access.can(request.user, "consultation.view_internal")
    )
    rows = queue_filter.qs.count()
    if rows > settings.CONSULTATION_EXPORT_SYNC_MAX_ROWS:
        export = exports.export_request(
            actor=request.user, query=request.GET.urlencode(), language=translation.get_language()
        )
        return _exports_page(request, prepared=export, prepared_rows=rows)
    response = StreamingHttpResponse(
        (text for text, _rows in exports.csv_chunks(queue_filter.qs, today=today)),
        content_type=exports.CONTENT_TYPE,
    )
    response["Content-Disposition"] = exports.content_disposition(today)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def export_list(request):
    access.require_or_404(request.user, "export.list")
    return _exports_page(request)


def _exports_page(request, *, prepared=None, prepared_rows=0):
    return render(
        request,
        "consultations/exports.html",
        {
            "exports": list(policy.exports_for(request.user)[:RECENT]),
            "prepared": prepared,
            "prepared_rows": prepared_rows,
            "keep_days": settings.CONSULTATION_EXPORT_KEEP_DAYS,
        },
    )


@login_required
@require_GET
def export_download(request, pk):
    export = get_object_or_404(policy.exports_for(request.user), pk=pk)
    access.require_or_404(request.user, "export.download", export)
    return storage.download(
        exports.private_storage(),
        stored_name=exports.stored_path(export),
        name=export.name,
        content_type=exports.CONTENT_TYPE,
    )
