"""Survey pages: thin views that parse, ask policy/services/results, and render or redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal import access, spreadsheets
from portal.uploads import check_uploads, storage
from surveys import answers, files, policy, results, services
from surveys.forms import QuestionForm, SurveyForm
from surveys.models import Question, QuestionKind, Response, Survey, SurveyState


def _survey(request, pk, action) -> Survey:
    survey = get_object_or_404(policy.surveys_for(request.user), pk=pk)
    access.require_or_404(request.user, action, survey)
    return survey


def _previous_choices(user):
    return policy.surveys_for(user).exclude(state=SurveyState.DRAFT)


@login_required
@require_GET
def survey_list(request):
    access.require_or_404(request.user, "survey.list")
    surveys = list(policy.surveys_for(request.user).select_related("created_by"))
    own = access.municipality_of(request.user)
    if own is not None:
        states = {r.survey_id: r for r in Response.objects.filter(municipality=own, survey__in=surveys)}
        for survey in surveys:
            survey.own_response = states.get(survey.pk)
    return render(
        request,
        "surveys/list.html",
        {"surveys": surveys, "may_create": access.can(request.user, "survey.create"), "own": own},
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_new(request):
    access.require_or_404(request.user, "survey.create")
    form = SurveyForm(request.POST or None, previous_choices=_previous_choices(request.user))
    if request.method == "POST" and form.is_valid():
        survey = services.survey_create(actor=request.user, **form.service_kwargs())
        messages.success(request, _("照会を作成しました。質問を追加してください。"))
        return redirect("surveys:detail", survey.pk)
    return render(request, "surveys/settings.html", {"form": form, "survey": None})


@login_required
@require_http_methods(["GET", "POST"])
def survey_settings(request, pk):
    survey = _survey(request, pk, "survey.edit")
    form = SurveyForm(
        request.POST or None,
        initial=SurveyForm.initial_of(survey),
        previous_choices=_previous_choices(request.user).exclude(pk=survey.pk),
    )
    if request.method == "POST" and form.is_valid():
        services.survey_update(actor=request.user, survey_id=survey.pk, **form.service_kwargs())
        messages.success(request, _("照会の設定を保存しました。"))
        return redirect("surveys:detail", survey.pk)
    return render(request, "surveys/settings.html", {"form": form, "survey": survey})


def _detail(request, survey, question_form=None, status=200):
    context = {"survey": survey, "questions": list(survey.questions.all())}
    if access.can(request.user, "survey.manage", survey):
        _questions, rows = results.table(survey)
        drafts, nothing = results.not_answered(rows)
        context.update(
            rows=rows,
            drafts=drafts,
            nothing=nothing,
            answered=[row for row in rows if row.answered],
            question_form=question_form or QuestionForm(prefix="question"),
        )
    return render(request, "surveys/detail.html", context, status=status)


@login_required
@require_GET
def survey_detail(request, pk):
    survey = _survey(request, pk, "survey.view")
    if not access.can(request.user, "survey.manage", survey) and access.can(
        request.user, "survey.answer", survey
    ):
        return redirect("surveys:answer", survey.pk)
    return _detail(request, survey)


@login_required
@require_POST
def question_add(request, pk):
    survey = _survey(request, pk, "survey.edit")
    form = QuestionForm(request.POST, prefix="question")
    if not form.is_valid():
        return _detail(request, survey, question_form=form, status=400)
    services.question_add(actor=request.user, survey_id=survey.pk, **form.service_kwargs())
    messages.success(request, _("質問を追加しました。"))
    return redirect("surveys:detail", survey.pk)


def _question(request, pk, qpk) -> Question:
    survey = _survey(request, pk, "survey.edit")
    return get_object_or_404(survey.questions, pk=qpk)


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request, pk, qpk):
    question = _question(request, pk, qpk)
    form = QuestionForm(request.POST or None, initial=QuestionForm.initial_of(question), prefix="question")
    if request.method == "POST" and form.is_valid():
        services.question_update(actor=request.user, question_id=question.pk, **form.service_kwargs())
        messages.success(request, _("質問を保存しました。"))
        return redirect("surveys:detail", pk)
    return render(
        request, "surveys/question_edit.html", {"form": form, "question": question, "survey": question.survey}
    )


@login_required
@require_POST
def question_move(request, pk, qpk):
    question = _question(request, pk, qpk)
    services.question_move(
        actor=request.user, question_id=question.pk, up=request.POST.get("direction") != "down"
    )
    return redirect("surveys:detail", pk)


@login_required
@require_POST
def question_delete(request, pk, qpk):
    question = _question(request, pk, qpk)
    services.question_delete(actor=request.user, question_id=question.pk)
    messages.success(request, _("質問を削除しました。"))
    return redirect("surveys:detail", pk)


def _change_state(request, pk, change, done: str):
    """Send or close a survey the user manages; a refusal (already sent, no questions) is a message."""
    survey = _survey(request, pk, "survey.view")
    if not access.can(request.user, "survey.manage", survey):
        raise Http404
    try:
        change(actor=request.user, survey_id=survey.pk)
        messages.success(request, done)
    except services.SurveyError as error:
        messages.error(request, error.message)
    return redirect("surveys:detail", survey.pk)


@login_required
@require_POST
def survey_open(request, pk):
    return _change_state(
        request, pk, services.survey_open, _("照会を送信しました。照会先の市町村の職員に通知しました。")
    )


@login_required
@require_POST
def survey_close(request, pk):
    return _change_state(request, pk, services.survey_close, _("照会を締め切りました。"))


def _items(questions, values, errors, response, row_counts=None):
    """What the answer page shows for each question: its value (or what was typed), its messages and,
    for a table, its rows with an empty row or more to fill."""
    row_counts = row_counts or {}
    stored_files = {}
    if response is not None:
        for answer_file in response.files.all():
            stored_files.setdefault(answer_file.question_id, []).append(answer_file)
    items = []
    for question in questions:
        value = values.get(question.pk)
        item = {
            "question": question,
            "name": answers.field_name(question),
            "value": value,
            "empty": value in (None, "", []) and not stored_files.get(question.pk),
            "errors": errors.get(question.pk, []),
            "files": stored_files.get(question.pk, []),
        }
        if question.kind == QuestionKind.TABLE:
            filled = value if isinstance(value, list) else []
            if question.pk in row_counts:
                count = max(row_counts[question.pk], len(filled))
            else:
                count = len(filled) + (1 if filled else answers.EMPTY_TABLE_ROWS)
            item["rows_name"] = answers.rows_name(question)
            item["rows_count"] = count
            item["rows"] = [
                {
                    "number": row + 1,
                    "cells": [
                        {
                            "name": answers.cell_name(question, row, index),
                            "column": column,
                            "value": (filled[row].get(column["name"]) if row < len(filled) else None),
                        }
                        for index, column in enumerate(question.columns)
                    ],
                }
                for row in range(count)
            ]
        items.append(item)
    return items


def _answer_page(request, survey, response, values, errors, *, prefilled=False, row_counts=None, status=200):
    questions = list(survey.questions.all())
    error_items = [
        {"href": f"#{answers.field_name(q)}", "label": q.label, "message": message}
        for q in questions
        for message in errors.get(q.pk, [])
    ]
    return render(
        request,
        "surveys/answer.html",
        {
            "survey": survey,
            "response": response,
            "items": _items(questions, values, errors, response, row_counts),
            "error_items": error_items,
            "prefilled": prefilled or (response is not None and response.prefilled and response.is_editable),
            "editable": response is None or response.is_editable,
            "may_approve": access.can(request.user, "survey.approve", survey)
            and response is not None
            and response.state == Response.State.AWAITING_APPROVAL
            and response.submitted_by_id != request.user.pk,
            "version": response.version if response else "",
            **_inventory_offer(request.user, response),
        },
        status=status,
    )


def _row_counts(request, survey) -> dict[int, int]:
    """The rows each table question had on the page, one more where 「行を追加」 was pressed."""
    added = request.POST.get("action", "").removeprefix("add_row:")
    counts = {}
    for question in survey.questions.filter(kind=QuestionKind.TABLE):
        try:
            counts[question.pk] = min(
                int(request.POST.get(answers.rows_name(question), 0)), answers.MAX_TABLE_ROWS
            )
        except ValueError:
            counts[question.pk] = answers.EMPTY_TABLE_ROWS
        counts[question.pk] += 1 if added == str(question.pk) else 0
    return counts


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def answer(request, pk):
    survey = _survey(request, pk, "survey.answer")
    own = access.municipality_of(request.user)
    response = Response.objects.filter(survey=survey, municipality=own).first()
    if request.method == "GET":
        if response is None:
            values = services.previous_values(survey, own)
            return _answer_page(request, survey, None, values, {}, prefilled=bool(values))
        stored = {a.question_id: a.value for a in response.answers.all()}
        return _answer_page(request, survey, response, stored, {})
    action = request.POST.get("action", "save")
    prefilled = request.POST.get("prefilled") == "1"
    if action.startswith("add_row:"):
        values, errors = answers.parse(list(survey.questions.all()), request.POST)
        return _answer_page(
            request,
            survey,
            response,
            values,
            errors,
            prefilled=prefilled,
            row_counts=_row_counts(request, survey),
        )
    uploads = {}
    try:
        for question in survey.questions.filter(kind=QuestionKind.FILE):
            posted = request.FILES.getlist(answers.field_name(question))
            if posted:
                uploads[question.pk] = check_uploads(posted)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        values, _errors = answers.parse(list(survey.questions.all()), request.POST)
        return _answer_page(request, survey, response, values, {}, prefilled=prefilled, status=400)
    try:
        services.response_save(
            actor=request.user,
            survey_id=survey.pk,
            data=request.POST,
            uploads=uploads,
            version=request.POST.get("version") or None,
            submit=action == "submit",
            prefilled=prefilled,
        )
    except services.SurveyError as error:
        messages.error(request, error.message)
        values, _errors = answers.parse(list(survey.questions.all()), request.POST)
        return _answer_page(request, survey, response, values, error.errors, prefilled=prefilled, status=400)
    if action == "submit":
        messages.success(
            request,
            _("回答を提出しました。担当課長などの承認を待っています。")
            if survey.needs_approval
            else _("回答を提出しました。"),
        )
    else:
        messages.success(request, _("下書きを保存しました。提出するまで県には送られません。"))
    return redirect("surveys:answer", survey.pk)


@login_required
@require_POST
def approve(request, pk):
    survey = _survey(request, pk, "survey.approve")
    try:
        services.response_approve(actor=request.user, survey_id=survey.pk)
        messages.success(request, _("回答を承認しました。回答が確定しました。"))
    except services.SurveyError as error:
        messages.error(request, error.message)
    return redirect("surveys:answer", survey.pk)


def _response(request, rpk, action) -> Response:
    response = get_object_or_404(
        policy.responses_for(request.user).select_related("survey", "municipality"), pk=rpk
    )
    access.require_or_404(request.user, action, response)
    return response


@login_required
@require_GET
def response_detail(request, rpk):
    response = _response(request, rpk, "survey_response.view")
    stored = {a.question_id: a.value for a in response.answers.all()}
    questions = list(response.survey.questions.all())
    return render(
        request,
        "surveys/response.html",
        {
            "response": response,
            "survey": response.survey,
            "items": _items(questions, stored, {}, response, dict.fromkeys((q.pk for q in questions), 0)),
            "may_reopen": access.can(request.user, "survey_response.reopen", response)
            and response.is_answered,
            **_inventory_offer(request.user, response),
        },
    )


def _inventory_offer(user, response) -> dict:
    """Whether the page offers 「この回答でシステム台帳を更新する」: to the municipality's staff, once a
    survey with a feeding table has their final answer (or says it was done)."""
    offered = (
        response is not None
        and response.is_final
        and access.can(user, "survey_response.feed", response)
        and response.survey.questions.exclude(feeds="").exists()
    )
    return {"inventory_offered": offered}


@login_required
@require_http_methods(["GET", "POST"])
def response_inventory(request, rpk):
    """The municipality's confirmation: GET lists what the update would create or change, POST does it."""
    response = _response(request, rpk, "survey_response.feed")
    if request.method == "POST":
        try:
            changes = services.response_update_inventory(actor=request.user, response_id=response.pk)
        except services.SurveyError as error:
            messages.error(request, error.message)
            return redirect("surveys:inventory", response.pk)
        if changes is None:
            messages.info(request, _("この回答ではすでにシステム台帳を更新しています。変更はありません。"))
        else:
            created = sum(1 for change in changes if change.action == "create")
            messages.success(
                request,
                _("システム台帳を更新しました（追加 %(created)s件、更新 %(updated)s件）。")
                % {"created": created, "updated": len(changes) - created},
            )
        return redirect("surveys:response", response.pk)
    context = {"response": response, "survey": response.survey, "planned": [], "refusal": None}
    if not response.inventory_applied:
        try:
            context["planned"] = services.response_inventory_preview(
                actor=request.user, response_id=response.pk
            )
        except services.SurveyError as error:
            context["refusal"] = error
    return render(request, "surveys/response_inventory.html", context)


@login_required
@require_POST
def response_reopen(request, rpk):
    response = _response(request, rpk, "survey_response.reopen")
    try:
        services.response_reopen(
            actor=request.user, response_id=response.pk, reason=request.POST.get("reason", "")
        )
        messages.success(
            request,
            _("回答を差し戻しました。%(municipality)s の職員に通知しました。")
            % {"municipality": response.municipality},
        )
    except services.SurveyError as error:
        messages.error(request, error.message)
    return redirect("surveys:response", response.pk)


@login_required
@require_GET
def results_page(request, pk):
    survey = _survey(request, pk, "survey.results")
    questions, rows = results.table(survey)
    shown = (
        rows if access.can(request.user, "survey.manage", survey) else [row for row in rows if row.answered]
    )
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey,
            "questions": questions,
            "rows": shown,
            "charts": results.charts(questions, rows),
            "answered_count": sum(1 for row in rows if row.answered),
            "asked_count": len(rows),
        },
    )


def _export(request, pk):
    survey = _survey(request, pk, "survey.export")
    questions, rows = results.table(survey)
    if not access.can(request.user, "survey.manage", survey):
        rows = [row for row in rows if row.answered]
    return survey, questions, rows


@login_required
@require_GET
def export_csv(request, pk):
    survey, questions, rows = _export(request, pk)
    return spreadsheets.csv_response(
        f"{survey.title}.csv", results.export_header(questions), results.export_rows(questions, rows)
    )


@login_required
@require_GET
def export_xlsx(request, pk):
    survey, questions, rows = _export(request, pk)
    sheets = [
        (_("回答一覧"), results.export_header(questions), results.export_rows(questions, rows)),
        *results.table_sheets(questions, rows),
    ]
    return spreadsheets.xlsx_response(f"{survey.title}.xlsx", sheets)


@login_required
@require_GET
@never_cache
def download(request, fpk):
    answer_file = get_object_or_404(policy.files_for(request.user), pk=fpk)
    access.require_or_404(request.user, "survey_file.download", answer_file)
    return storage.download(
        files.private_storage(),
        stored_name=answer_file.stored_name,
        name=answer_file.name,
        content_type=answer_file.content_type,
    )
