"""/procurement/<slug>/evaluation/: the group's vendor evaluation rounds (総合評価型プロポーザル) — the
rounds, a round's set-up, the evaluator's sheet, the close, the results table and the decision."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal import access
from portal.models import User
from procurement import services_evaluation as services
from procurement.forms_evaluation import (
    BidForm,
    CriterionForm,
    DecisionForm,
    RoundForm,
    ScoreForm,
    VendorForm,
)
from procurement.models import Decision, Round, Sheet
from procurement.views.common import workspace_context, workspace_for

TAB = "evaluation"


def _round_for(request, slug, pk, action) -> Round:
    """The round of the workspace, checked against `action`; outside one's scope it does not exist."""
    workspace = workspace_for(request, slug, "procurement.round.list")
    round = get_object_or_404(Round, workspace=workspace, pk=pk)
    round.workspace = workspace
    access.require_or_404(request.user, action, round)
    return round


def _decision(round: Round) -> Decision | None:
    return Decision.objects.filter(round=round).select_related("vendor", "decided_by").first()


def _vendor_rows(round: Round) -> list:
    """(vendor, proposed price or None) for each vendor of the round."""
    bids = dict(round.bids.values_list("vendor_id", "price"))
    return [(vendor, bids.get(vendor.pk)) for vendor in round.vendors.order_by("name", "pk")]


def _to_round(round: Round, page="procurement:evaluation_round"):
    return redirect(page, round.workspace.slug, round.pk)


@login_required
@require_GET
def round_list(request, slug):
    workspace = workspace_for(request, slug, "procurement.round.list")
    rounds = workspace.rounds.select_related("decision__vendor")
    return render(
        request, "procurement/evaluation/list.html", workspace_context(request, workspace, TAB, rounds=rounds)
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_new(request, slug):
    workspace = workspace_for(request, slug, "procurement.round.create")
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        round = services.round_create(actor=request.user, workspace=workspace, **form.cleaned_data)
        messages.success(
            request,
            _("評価「%(title)s」を作成しました。評価項目と事業者を登録してください。") % {"title": round},
        )
        return _to_round(round, "procurement:evaluation_setup")
    return render(
        request, "procurement/evaluation/new.html", workspace_context(request, workspace, TAB, form=form)
    )


@login_required
@require_GET
def round_detail(request, slug, pk):
    round = _round_for(request, slug, pk, "procurement.round.view")
    inside = access.can(request.user, "procurement.round.view_inside", round)
    context = workspace_context(request, round.workspace, TAB, round=round, decision=_decision(round))
    if inside:
        context.update(
            criteria=round.criteria.all(),
            vendor_rows=_vendor_rows(round),
            progress=services.progress(round),
        )
    context["own_sheet"] = Sheet(round, request.user)
    return render(request, "procurement/evaluation/round.html", context)


def _setup_page(request, round, **forms):
    forms.setdefault("round_form", RoundForm(round=round))
    forms.setdefault("criterion_form", CriterionForm())
    forms.setdefault("vendor_form", VendorForm())
    forms.setdefault("bid_form", BidForm(round=round))
    criteria = list(round.criteria.all())
    context = workspace_context(
        request,
        round.workspace,
        TAB,
        round=round,
        criteria=criteria,
        allotted=sum(c.max_points for c in criteria),
        scoring_started=round.scores.exists(),
        vendor_rows=_vendor_rows(round),
        **forms,
    )
    return render(request, "procurement/evaluation/setup.html", context)


def _attempt(request, round, form, name, write, done):
    """Runs a set-up write from a valid form: its message and back to the set-up page, or the page
    again with the form and the refusal next to the field (nothing saved)."""
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except services.EvaluationError as refusal:
            if refusal.field not in form.fields:
                # A refusal of the step itself (scoring has started): the page says it above the forms.
                messages.error(request, refusal.message)
                return _to_round(round, "procurement:evaluation_setup")
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(request, done)
            return _to_round(round, "procurement:evaluation_setup")
    return _setup_page(request, round, **{name: form})


@login_required
@require_http_methods(["GET", "POST"])
def round_setup(request, slug, pk):
    round = _round_for(request, slug, pk, "procurement.round.set_up")
    if request.method == "GET":
        return _setup_page(request, round)
    return _attempt(
        request,
        round,
        RoundForm(request.POST, round=round),
        "round_form",
        lambda data: services.round_update(actor=request.user, round_id=round.pk, **data),
        _("評価の設定を保存しました。"),
    )


@login_required
@require_POST
def criterion_delete(request, slug, pk, criterion_pk):
    round = _round_for(request, slug, pk, "procurement.round.set_up")
    criterion = get_object_or_404(round.criteria, pk=criterion_pk)
    try:
        services.criterion_remove(actor=request.user, round_id=round.pk, criterion_id=criterion.pk)
    except services.EvaluationError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("評価項目「%(name)s」を削除しました。") % {"name": criterion.name})
    return _to_round(round, "procurement:evaluation_setup")


def _setup_write(make_form, name, write, done):
    """A set-up form's POST-only view: `make_form(data, round)`, then `write(actor, round, cleaned)`."""

    @login_required
    @require_POST
    def view(request, slug, pk):
        round = _round_for(request, slug, pk, "procurement.round.set_up")
        form = make_form(request.POST, round)
        return _attempt(request, round, form, name, lambda data: write(request.user, round, data), done)

    return view


criterion_add = _setup_write(
    lambda data, round: CriterionForm(data),
    "criterion_form",
    lambda actor, round, data: services.criterion_save(actor=actor, round_id=round.pk, **data),
    gettext_lazy("評価項目を保存しました。"),
)
vendor_add = _setup_write(
    lambda data, round: VendorForm(data),
    "vendor_form",
    lambda actor, round, data: services.vendor_add(actor=actor, round_id=round.pk, **data),
    gettext_lazy("事業者を登録しました。"),
)
bid_save = _setup_write(
    lambda data, round: BidForm(data, round=round),
    "bid_form",
    lambda actor, round, data: services.bid_save(
        actor=actor, round_id=round.pk, vendor_id=data["vendor"].pk, price=data["price"]
    ),
    gettext_lazy("提案価格を保存しました。"),
)


@login_required
@require_http_methods(["GET", "POST"])
def score_form(request, slug, pk, vendor_pk):
    """The evaluator's points for one vendor; a round closed meanwhile says so rather than vanishing."""
    round = _round_for(request, slug, pk, "procurement.score.enter")
    vendor = get_object_or_404(round.vendors, pk=vendor_pk)
    if not round.is_open:
        messages.info(request, services.CLOSED_FOR_SCORING)
        return _to_round(round)
    scores = services.own_scores(round, request.user)
    form = ScoreForm(request.POST or None, criteria=round.criteria.all(), scores=scores, vendor=vendor)
    if request.method == "POST" and form.is_valid():
        try:
            services.scores_save(
                actor=request.user, round_id=round.pk, vendor_id=vendor.pk, points=form.points()
            )
        except services.EvaluationError as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("%(vendor)s の採点を保存しました。") % {"vendor": vendor})
            return redirect("procurement:evaluation_sheet", round.workspace.slug, round.pk, request.user.pk)
    context = workspace_context(request, round.workspace, TAB, round=round, vendor=vendor, form=form)
    return render(request, "procurement/evaluation/score.html", context)


@login_required
@require_GET
def sheet(request, slug, pk, evaluator_pk):
    """An evaluator's own sheet; anyone else's does not exist for them (404), before or after the close."""
    round = _round_for(request, slug, pk, "procurement.round.view")
    evaluator = get_object_or_404(User, pk=evaluator_pk)
    access.require_or_404(request.user, "procurement.sheet.view", Sheet(round, evaluator))
    scores = services.own_scores(round, evaluator)
    criteria = list(round.criteria.all())
    vendors = [
        (vendor, [scores.get((criterion.pk, vendor.pk)) for criterion in criteria])
        for vendor in round.vendors.order_by("name", "pk")
    ]
    context = workspace_context(
        request, round.workspace, TAB, round=round, criteria=criteria, vendors=vendors
    )
    return render(request, "procurement/evaluation/sheet.html", context)


@login_required
@require_POST
def round_close(request, slug, pk):
    round = _round_for(request, slug, pk, "procurement.round.close")
    try:
        closed = services.round_close(actor=request.user, round_id=round.pk)
    except services.EvaluationError as refusal:
        messages.error(request, refusal.message)
    else:
        if closed:
            messages.success(request, _("評価を締め切りました。集計結果を確認できます。"))
        else:
            messages.info(request, _("この評価はすでに締め切られています。"))
    return _to_round(round)


@login_required
@require_GET
def results(request, slug, pk):
    round = _round_for(request, slug, pk, "procurement.results.view")
    context = workspace_context(
        request, round.workspace, TAB, round=round, results=services.results(round), decision=_decision(round)
    )
    return render(request, "procurement/evaluation/results.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def decision(request, slug, pk):
    round = _round_for(request, slug, pk, "procurement.decision.record")
    recorded = _decision(round)
    if recorded is not None:
        messages.info(
            request,
            _("この評価の事業者決定はすでに記録されています（%(vendor)s）。") % {"vendor": recorded.vendor},
        )
        return _to_round(round)
    form = DecisionForm(request.POST or None, round=round)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_record(
                actor=request.user,
                round_id=round.pk,
                vendor_id=form.cleaned_data["vendor"].pk,
                reasons=form.cleaned_data["reasons"].strip(),
            )
        except services.AlreadyDecided as refusal:
            messages.info(request, refusal.message)
        else:
            messages.success(request, _("事業者決定を記録しました。"))
        return _to_round(round)
    context = workspace_context(
        request, round.workspace, TAB, round=round, form=form, results=services.results(round)
    )
    return render(request, "procurement/evaluation/decision.html", context)
