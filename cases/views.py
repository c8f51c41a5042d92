import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases import policy, readiness, selectors, services
from cases.filters import CaseFilter
from cases.forms import ReadinessForm
from cases.models import (
    COMPARE_SESSION_KEY,
    CaseStudyIndexPage,
    ReadinessAssessment,
    SuccessFactor,
    TypologyEntry,
)
from portal import access
from portal.localize import in_display_order
from portal.templatetags.wareki import wareki_year_text

PER_PAGE = 10


def _compare_ids(request) -> list[int]:
    return [int(pk) for pk in request.session.get(COMPARE_SESSION_KEY, []) if str(pk).isdigit()]


def _parse_ids(values: list[str]) -> list[int]:
    ids = []
    for value in values:
        for part in value.split(","):
            if part.strip().isdigit() and int(part) not in ids:
                ids.append(int(part))
    return ids


def compare_url(ids: list[int]) -> str:
    return f"{reverse('cases:compare')}?{urlencode({'ids': ','.join(str(pk) for pk in ids)})}"


@require_GET
def case_list(request):
    case_filter = CaseFilter(request.GET or None, selectors.live_cases())
    page = Paginator(case_filter.qs, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    selected = selectors.cases_by_ids(_compare_ids(request))
    return render(
        request,
        "cases/case_list.html",
        {
            "form": case_filter.form,
            "page_obj": page,
            "query": query.urlencode(),
            "index": CaseStudyIndexPage.objects.live().first(),
            "selected": selected,
            "selected_ids": [case.pk for case in selected],
            "compare_url": compare_url([case.pk for case in selected]) if selected else "",
            "can_review_stale": access.can(request.user, "case.review_stale"),
            "can_like_mine": access.can(request.user, "case.like_mine"),
            "max_compared": selectors.MAX_COMPARED,
        },
    )


@login_required
@require_GET
def stale_list(request):
    access.require_or_404(request.user, "case.review_stale")
    return render(request, "cases/stale_list.html", {"cases": selectors.stale_cases()})


@require_GET
def compare(request):
    if "ids" in request.GET:
        ids = _parse_ids(request.GET.getlist("ids"))
        if len(ids) > selectors.MAX_COMPARED:
            messages.warning(
                request,
                _("比較できるのは%(n)s件までです。先頭の%(n)s件を表示しています。")
                % {"n": selectors.MAX_COMPARED},
            )
    else:
        ids = _compare_ids(request)
    cases = selectors.cases_by_ids(ids)
    request.session[COMPARE_SESSION_KEY] = [case.pk for case in cases]
    return render(
        request,
        "cases/compare.html",
        {
            "cases": cases,
            "rows": selectors.comparison_rows(cases),
            "share_url": request.build_absolute_uri(compare_url([case.pk for case in cases]))
            if cases
            else "",
        },
    )


@require_POST
def compare_update(request):
    ids = _compare_ids(request)
    action = request.POST.get("action")
    case_id = request.POST.get("case", "")
    if action == "clear":
        ids = []
    elif case_id.isdigit() and action == "remove":
        ids = [pk for pk in ids if pk != int(case_id)]
    elif case_id.isdigit() and action == "add":
        case = get_object_or_404(selectors.live_cases(), pk=int(case_id))
        if case.pk in ids:
            pass
        elif len(ids) >= selectors.MAX_COMPARED:
            messages.error(
                request,
                _("比較できるのは%(n)s件までです。どれかを外してから追加してください。")
                % {"n": selectors.MAX_COMPARED},
            )
        else:
            ids.append(case.pk)
            messages.success(request, _("「%(title)s」を比較リストに追加しました。") % {"title": case.title})
    request.session[COMPARE_SESSION_KEY] = ids
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("cases:list")
    return redirect(next_url)


@login_required
@require_GET
def like_mine(request):
    access.require_or_404(request.user, "case.like_mine")
    municipality = access.municipality_of(request.user)
    return render(
        request,
        "cases/like_mine.html",
        {"municipality": municipality, "similar": selectors.cases_like(municipality)},
    )


@require_GET
def adoption(request):
    status = selectors.adoption_status()
    return render(request, "cases/adoption.html", {"status": status, "charts": _charts(status)})


TIMELINE_LEFT = 40
TIMELINE_WIDTH = 520
MIN_YEAR_LABEL_GAP = 80  # px in the SVG's own units: room for 「平成22年」 at 16px


def _months_from(start_year: int, day) -> int:
    return (day.year - start_year) * 12 + day.month - 1


def year_ticks(first, last, *, left: int, width: int) -> list[dict]:
    """Labelled ticks on the timeline's axis, from January of the first year to January after the last.

    Every year if there is room, else every 2, 5, 10 … years, so that labels never overlap.
    """
    start_year, end_year = first.year, last.year + 1
    per_year = width * 12 / ((end_year - start_year) * 12)
    step = next((n for n in (1, 2, 5, 10, 20, 50) if per_year * n >= MIN_YEAR_LABEL_GAP), 100)
    japanese = translation.get_language() == "ja"
    return [
        {
            "year": year,
            "x": left + round(per_year * (year - start_year)),
            "era": wareki_year_text(datetime.date(year, 1, 1), with_gregorian=False) if japanese else "",
        }
        for year in range(start_year, end_year + 1)
        if year % step == 0
    ]


def _charts(status):
    """Bar widths and timeline positions for the inline SVG charts (the tables beside them carry the data)."""
    widest = max((count for _, count in status.by_arrangement), default=0) or 1
    bars = [
        {"label": label, "count": count, "width": round(400 * count / widest), "y": 10 + i * 44}
        for i, (label, count) in enumerate(status.by_arrangement)
    ]
    groups = status.groups
    timeline, ticks = [], []
    if groups:
        first, last = groups[0].start, groups[-1].start
        span = (last.year + 1 - first.year) * 12
        ticks = year_ticks(first, last, left=TIMELINE_LEFT, width=TIMELINE_WIDTH)
        for i, group in enumerate(groups):
            offset = _months_from(first.year, group.start)
            timeline.append(
                {"group": group, "x": TIMELINE_LEFT + round(TIMELINE_WIDTH * offset / span), "y": 84 + i * 34}
            )
    return {
        "bars": bars,
        "bars_height": 20 + len(bars) * 44,
        "timeline": timeline,
        "year_ticks": ticks,
        "timeline_axis_end": TIMELINE_LEFT + TIMELINE_WIDTH,
        "timeline_height": 104 + len(timeline) * 34,
    }


@require_GET
def typology(request):
    return render(
        request,
        "cases/typology.html",
        {
            "framework": TypologyEntry.objects.filter(dimension=TypologyEntry.Dimension.FRAMEWORK),
            "purpose": TypologyEntry.objects.filter(dimension=TypologyEntry.Dimension.PURPOSE),
            "common_factors": SuccessFactor.objects.filter(source=SuccessFactor.Source.COMMON),
            "secret_factors": SuccessFactor.objects.filter(source=SuccessFactor.Source.SECRETS),
        },
    )


def _result_context(saved: dict, user) -> dict:
    positions = {factor.slug: i for i, factor in enumerate(selectors.readiness_factors())}
    result = readiness.score(saved, positions)
    gap_ids = list(
        SuccessFactor.objects.filter(slug__in=[item.slug for item in result.gaps]).values_list(
            "pk", flat=True
        )
    )
    body_lines = [
        _("自己診断（準備度 %(score)s点）で次の点が不足していました。相談させてください。")
        % {"score": result.score},
        "",
    ]
    body_lines += [
        _("・%(title)s（%(question)s）") % {"title": item.title, "question": item.question}
        for item in result.gaps
    ]
    consultation = (
        reverse("consultations:new")
        + "?"
        + urlencode({"title": _("共同化・クラウド化の準備について相談したい"), "body": "\n".join(body_lines)})
    )
    return {
        "result": result,
        "matching_cases": selectors.cases_for_factors(gap_ids),
        "consultation_url": consultation if result.gaps and access.can(user, "consultation.file") else "",
    }


@login_required
@require_http_methods(["GET", "POST"])
def readiness_view(request):
    factors = selectors.readiness_factors()
    can_save = access.can(request.user, "readiness.save")
    visible = policy.readiness_assessments_for(request.user)
    previous = visible.filter(municipality=access.municipality_of(request.user)).first() if can_save else None
    form = ReadinessForm(request.POST or None, factors=factors, initial_answers=_previous_answers(previous))
    if request.method == "POST" and form.is_valid():
        if can_save:
            try:
                saved = services.readiness_assessment_create(actor=request.user, answers=form.answers())
            except services.IncompleteAssessment:
                messages.error(request, _("設問が更新されました。もう一度すべての設問に答えてください。"))
                return redirect("cases:readiness")
            messages.success(request, _("自己診断の結果を保存しました。"))
            return redirect("cases:readiness_detail", pk=saved.pk)
        context = _result_context(readiness.snapshot(factors, form.answers()), request.user)
        return render(request, "cases/readiness_result.html", {**context, "assessment": None})
    context = {"form": form, "can_save": can_save}
    if can_save:
        context["history"] = visible.filter(municipality=access.municipality_of(request.user))[:20]
    if access.can(request.user, "readiness.view_all"):
        latest = ReadinessAssessment.objects.filter(municipality=OuterRef("municipality")).order_by(
            "-created_at", "-pk"
        )
        context["latest"] = in_display_order(
            visible.filter(pk=Subquery(latest.values("pk")[:1])),
            kana="municipality__kana_sort",
            japanese="municipality__name",
            english="municipality__name_en",
        )
    return render(request, "cases/readiness.html", context)


def _previous_answers(assessment):
    if assessment is None:
        return {}
    return {slug: row.get("answer") for slug, row in assessment.answers.items()}


@login_required
@require_GET
def readiness_detail(request, pk):
    assessment = get_object_or_404(policy.readiness_assessments_for(request.user), pk=pk)
    context = _result_context(assessment.answers, request.user)
    return render(request, "cases/readiness_result.html", {**context, "assessment": assessment})
