"""The advisors' dashboard: figures over the consultations a user may see."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from consultations import selectors
from consultations.models import (
    OPEN_STATUSES,
    Category,
    Status,
)
from portal import access


@login_required
@require_GET
def dashboard(request):
    access.require_or_404(request.user, "consultation.view_dashboard")
    today = timezone.localdate()
    data = selectors.dashboard(request.user, today=today)
    months = sorted({row["month"] for row in data["per_month_category"]})
    by_month = {
        month: {row["category"]: row["n"] for row in data["per_month_category"] if row["month"] == month}
        for month in months
    }
    category_rows = [
        (month, [by_month[month].get(category, 0) for category in Category.values]) for month in months
    ]
    totals = [(month, sum(values)) for month, values in category_rows]
    largest = max([n for _m, n in totals] or [1]) or 1
    month_bars = [(month, n, round(n / largest * 10)) for month, n in totals]
    return render(
        request,
        "consultations/dashboard.html",
        {
            **data,
            "open_by_status": [
                (Status(s).label, n) for s, n in data["open_by_status"].items() if s in OPEN_STATUSES
            ],
            "categories": Category.labels,
            "category_rows": category_rows,
            "month_bars": month_bars,
            "can_plan_visits": access.can(request.user, "visit.schedule"),
        },
    )
