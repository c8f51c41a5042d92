"""The queue as a CSV file, with the queue's filters, for Excel."""

import csv
import urllib.parse

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from consultations import selectors, sla
from consultations.filters import QueueFilter
from portal import access


@login_required
@require_GET
def export_csv(request):
    access.require_or_404(request.user, "consultation.list")
    today = timezone.localdate()
    queue_filter = QueueFilter.for_request(
        request, today=today, for_advisor=access.can(request.user, "consultation.view_internal")
    )
    rows = selectors.for_listing(queue_filter.qs)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = "attachment; filename*=UTF-8''" + urllib.parse.quote(
        f"consultations-{today:%Y%m%d}.csv"
    )
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")  # the BOM: Excel then reads the file as UTF-8, Japanese intact
    writer = csv.writer(response)
    writer.writerow(
        [
            _("受付番号"),
            _("件名"),
            _("分類"),
            _("状態"),
            _("優先度"),
            _("市町村"),
            _("業務システム分野"),
            _("相談者"),
            _("担当補佐官"),
            _("受付日"),
            _("初回回答期限"),
            _("解決期限"),
            _("期限超過"),
        ]
    )
    for c in rows.iterator(chunk_size=500):
        writer.writerow(
            [
                c.reference,
                _csv_safe(c.title),
                c.get_category_display(),
                c.get_status_display(),
                c.get_priority_display(),
                "・".join(m.name for m in c.municipalities.all()),
                "・".join(a.name for a in c.system_areas.all()),
                _csv_safe(str(c.requester)),
                _csv_safe(str(c.assignee or "")),
                timezone.localdate(c.created_at).isoformat(),
                c.first_response_due.isoformat() if c.first_response_due else "",
                c.resolution_due.isoformat() if c.resolution_due else "",
                _("はい") if sla.is_overdue(c, today=today) else "",
            ]
        )
    return response


def _csv_safe(value: str) -> str:
    """Cells that Excel would run as formulas get a leading apostrophe."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
