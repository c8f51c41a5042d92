"""Every write of surveys, with its rule checked first, in one transaction. Refusals are SurveyError
with a Japanese message the page shows; nothing is half-saved."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal import access, inventory_feeds
from portal.models import Municipality
from portal.templatetags.wareki import wareki
from portal.uploads import ensure_checked, storage
from surveys import answers, files, notifications
from surveys.models import (
    ANSWERED,
    Answer,
    Audience,
    Question,
    QuestionKind,
    Response,
    ResponseState,
    Survey,
    SurveyState,
)


class SurveyError(Exception):
    """A refused change, with the message the user reads."""

    def __init__(self, message, errors=None):
        super().__init__(message)
        self.message = message
        self.errors = errors or {}


def asked_municipalities(audience: str, district: str = "", chosen=()):
    if audience == Audience.DISTRICT:
        return Municipality.objects.filter(district=district)
    if audience == Audience.CHOSEN:
        return Municipality.objects.filter(pk__in=[m.pk for m in chosen])
    return Municipality.objects.all()


def _survey_for_update(survey_id: int) -> Survey:
    return Survey.objects.select_for_update().get(pk=survey_id)


def survey_create(
    *, actor, title, deadline, description="", audience=Audience.ALL, district="", chosen=(), **flags
):
    access.require(actor, "survey.create")
    with transaction.atomic():
        survey = Survey.objects.create(
            title=title,
            description=description,
            deadline=deadline,
            audience=audience,
            district=district if audience == Audience.DISTRICT else "",
            created_by=actor,
            **flags,
        )
        survey.municipalities.set(asked_municipalities(audience, district, chosen))
    return survey


def survey_update(
    *,
    actor,
    survey_id,
    title,
    deadline,
    description="",
    audience=Audience.ALL,
    district="",
    chosen=(),
    **flags,
):
    with transaction.atomic():
        survey = _survey_for_update(survey_id)
        access.require(actor, "survey.edit", survey)
        survey.title, survey.description, survey.deadline = title, description, deadline
        survey.audience = audience
        survey.district = district if audience == Audience.DISTRICT else ""
        for name, value in flags.items():
            setattr(survey, name, value)
        survey.save()
        survey.municipalities.set(asked_municipalities(audience, district, chosen))
    return survey


def feed_columns(slug: str) -> list[dict]:
    """A table's columns when it feeds an inventory: the feed's, named in Japanese (as every column a
    builder types), each with the feed's row key."""
    feed = inventory_feeds.get(slug)
    if feed is None:
        raise SurveyError(_("選んだ台帳は使えません。"), {"feeds": [_("選んだ台帳は使えません。")]})
    with translation.override("ja"):
        return [
            {"name": str(column.label), "kind": column.kind, "key": column.key} for column in feed.columns
        ]


def _table_columns(kind, columns, feeds) -> tuple[list, str]:
    if not feeds or kind != QuestionKind.TABLE:
        return list(columns), ""
    return feed_columns(feeds), feeds


def question_add(
    *, actor, survey_id, kind, label, help="", required=False, choices=(), columns=(), unit="", feeds=""
):
    columns, feeds = _table_columns(kind, columns, feeds)
    with transaction.atomic():
        survey = _survey_for_update(survey_id)
        access.require(actor, "survey.edit", survey)
        last = survey.questions.aggregate(last=Max("order"))["last"] or 0
        return Question.objects.create(
            survey=survey,
            order=last + 1,
            kind=kind,
            label=label,
            help=help,
            required=required,
            choices=list(choices),
            columns=columns,
            unit=unit,
            feeds=feeds,
        )


def question_update(
    *, actor, question_id, kind, label, help="", required=False, choices=(), columns=(), unit="", feeds=""
):
    columns, feeds = _table_columns(kind, columns, feeds)
    with transaction.atomic():
        question = Question.objects.select_related("survey").get(pk=question_id)
        survey = _survey_for_update(question.survey_id)
        access.require(actor, "survey.edit", survey)
        question.kind, question.label, question.help, question.required = kind, label, help, required
        question.choices, question.columns, question.unit = list(choices), columns, unit
        question.feeds = feeds
        question.save()
    return question


def question_move(*, actor, question_id, up: bool):
    """Swap the question with its neighbour above (or below); at either end nothing moves."""
    with transaction.atomic():
        question = Question.objects.get(pk=question_id)
        survey = _survey_for_update(question.survey_id)
        access.require(actor, "survey.edit", survey)
        ordered = list(survey.questions.all())
        index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
        other = index - 1 if up else index + 1
        if 0 <= other < len(ordered):
            ordered[index], ordered[other] = ordered[other], ordered[index]
        for position, each in enumerate(ordered, start=1):
            if each.order != position:
                Question.objects.filter(pk=each.pk).update(order=position)


def question_delete(*, actor, question_id):
    with transaction.atomic():
        question = Question.objects.get(pk=question_id)
        survey = _survey_for_update(question.survey_id)
        access.require(actor, "survey.edit", survey)
        question.delete()


def survey_open(*, actor, survey_id):
    """Send the survey: its questions and municipalities are fixed, and their staff are told."""
    with transaction.atomic():
        survey = _survey_for_update(survey_id)
        if survey.state != SurveyState.DRAFT:
            raise SurveyError(_("この照会はすでに送信されています。"))
        access.require(actor, "survey.open", survey)
        if not survey.questions.exists():
            raise SurveyError(_("質問を1つ以上追加してから送信してください。"))
        if not survey.municipalities.exists():
            raise SurveyError(_("照会先の市町村がありません。"))
        if survey.is_past_deadline:
            raise SurveyError(_("回答期限が過ぎています。期限を直してから送信してください。"))
        survey.state = SurveyState.OPEN
        survey.opened_at = timezone.now()
        survey.save(update_fields=["state", "opened_at"])
        notifications.send(
            notifications.OPENED, survey, survey.municipalities.all(), key=f"survey-{survey.pk}-opened"
        )
    return survey


def survey_close(*, actor, survey_id):
    with transaction.atomic():
        survey = _survey_for_update(survey_id)
        if survey.state == SurveyState.CLOSED:
            raise SurveyError(_("この照会はすでに締め切られています。"))
        access.require(actor, "survey.close", survey)
        survey.state = SurveyState.CLOSED
        survey.closed_at = timezone.now()
        survey.save(update_fields=["state", "closed_at"])
    return survey


def _deadline_message(survey) -> str:
    return _(
        "回答期限（%(deadline)s）を過ぎているため、回答できません。県の担当者に差し戻しを依頼してください。"
    ) % {"deadline": wareki(survey.deadline) + survey.deadline_time_text}


def _check_answerable(survey, response) -> None:
    if response is not None and response.state in ANSWERED:
        raise SurveyError(
            _(
                "この回答は提出済みのため変更できません（%(state)s）。変更が必要な場合は県の担当者に差し戻しを依頼してください。"
            )
            % {"state": response.get_state_display()}
        )
    if survey.state != SurveyState.OPEN and not (response and response.state == ResponseState.REOPENED):
        raise SurveyError(_("この照会は回答を受け付けていません。"))
    if survey.is_past_deadline and not (response and response.state == ResponseState.REOPENED):
        raise SurveyError(_deadline_message(survey))


def previous_values(survey, municipality) -> dict[int, object]:
    """Answers of the municipality to the previous survey's questions with the same label and kind."""
    if survey.previous_id is None:
        return {}
    earlier = Response.objects.filter(survey_id=survey.previous_id, municipality=municipality).first()
    if earlier is None:
        return {}
    by_question = {
        (a.question.label, a.question.kind): a.value for a in earlier.answers.select_related("question")
    }
    return {
        question.pk: by_question[(question.label, question.kind)]
        for question in survey.questions.exclude(kind=QuestionKind.FILE)
        if (question.label, question.kind) in by_question
    }


def response_save(*, actor, survey_id, data, uploads=None, version=None, submit=False, prefilled=False):
    """Save the municipality's answers (a draft may be incomplete); with submit, lock them.

    `data` is the posted form; `uploads` maps a file question's id to its CheckedUploads. `version` is
    the response's version the page was edited from: a colleague's save since then is not overwritten."""
    uploads = {pk: ensure_checked(checked) for pk, checked in (uploads or {}).items()}
    with transaction.atomic(), storage.removed_unless_committed():
        survey = _survey_for_update(survey_id)
        access.require(actor, "survey.answer", survey)
        municipality = access.municipality_of(actor)
        response = (
            Response.objects.select_for_update().filter(survey=survey, municipality=municipality).first()
        )
        _check_answerable(survey, response)
        if response is not None and version is not None and int(version) != response.version:
            raise SurveyError(
                _(
                    "ほかの職員がこの回答を先に保存しました。ページを開き直して、最新の内容を確認してから保存してください。"
                )
            )
        questions = list(survey.questions.all())
        values, errors = answers.parse(questions, data)
        existing_files = {}
        if response is not None:
            for answer_file in response.files.all():
                existing_files.setdefault(answer_file.question_id, []).append(answer_file.pk)
        if submit:
            with_new = {**existing_files, **{pk: [1] for pk, checked in uploads.items() if checked}}
            for pk, messages in answers.missing_required(questions, values, with_new).items():
                errors.setdefault(pk, []).extend(messages)
        if errors:
            raise SurveyError(_("入力内容を確認してください。"), errors)
        if response is None:
            response = Response.objects.create(
                survey=survey, municipality=municipality, saved_by=actor, prefilled=prefilled
            )
        else:
            response.version += 1
            response.saved_by = actor
        for question in questions:
            if question.kind == QuestionKind.FILE:
                for checked in uploads.get(question.pk, []):
                    files.store(response, question, checked, actor)
                value = list(response.files.filter(question=question).values_list("pk", flat=True)) or None
            else:
                value = values.get(question.pk)
            Answer.objects.update_or_create(response=response, question=question, defaults={"value": value})
        if submit:
            response.submitted_by, response.submitted_at = actor, timezone.now()
            response.state = (
                ResponseState.AWAITING_APPROVAL if survey.needs_approval else ResponseState.SUBMITTED
            )
            if survey.needs_approval:
                notifications.send(
                    notifications.APPROVAL,
                    survey,
                    [municipality],
                    key=f"survey-response-{response.pk}-approval-{response.version}",
                    exclude=actor,
                )
        response.save()
    return response


def response_approve(*, actor, survey_id):
    """The 担当課長's step: a colleague other than the one who submitted confirms the answer."""
    with transaction.atomic():
        survey = _survey_for_update(survey_id)
        access.require(actor, "survey.approve", survey)
        response = (
            Response.objects.select_for_update()
            .filter(survey=survey, municipality=access.municipality_of(actor))
            .first()
        )
        if response is None or response.state != ResponseState.AWAITING_APPROVAL:
            raise SurveyError(_("承認を待っている回答はありません。"))
        if response.submitted_by_id == actor.pk:
            raise SurveyError(
                _("提出した本人は承認できません。同じ団体の別の職員（担当課長など）が承認してください。")
            )
        response.state = ResponseState.APPROVED
        response.approved_by, response.approved_at = actor, timezone.now()
        response.save(update_fields=["state", "approved_by", "approved_at"])
    return response


def response_reopen(*, actor, response_id, reason: str):
    """The prefecture reopens a submitted answer so that its municipality can correct it."""
    reason = (reason or "").strip()
    with transaction.atomic():
        response = Response.objects.select_for_update().select_related("survey").get(pk=response_id)
        access.require(actor, "survey_response.reopen", response)
        if response.state not in ANSWERED:
            raise SurveyError(_("提出されていない回答は差し戻せません。"))
        if not reason:
            raise SurveyError(
                _("差し戻しの理由を入力してください。"), {"reason": [_("差し戻しの理由を入力してください。")]}
            )
        response.state = ResponseState.REOPENED
        response.reopened_by, response.reopened_at, response.reopen_reason = actor, timezone.now(), reason
        response.version += 1
        response.save()
        notifications.send(
            notifications.REOPENED,
            response.survey,
            [response.municipality],
            key=f"survey-response-{response.pk}-reopened-{response.version}",
        )
    return response


def _feed_rows(response) -> list[tuple[Question, inventory_feeds.Feed, list[dict]]]:
    """Each feeding table question of the response's survey, its feed and its rows by the feed's keys."""
    stored = {answer.question_id: answer.value for answer in response.answers.all()}
    fed = []
    for question in response.survey.questions.exclude(feeds=""):
        feed = inventory_feeds.get(question.feeds)
        if feed is None:
            continue
        keys = {column["name"]: column.get("key") for column in question.columns}
        rows = [
            {keys[name]: value for name, value in row.items() if keys.get(name)}
            for row in stored.get(question.pk) or []
        ]
        fed.append((question, feed, rows))
    return fed


def _check_feedable(response, fed) -> None:
    if not fed:
        raise SurveyError(_("この照会には、システム台帳に反映できる質問がありません。"))
    if not response.is_final:
        raise SurveyError(
            _("システム台帳は、回答を提出してから（承認が必要な照会では承認されてから）更新できます。")
        )


def _refused(error: inventory_feeds.FeedError) -> SurveyError:
    return SurveyError(
        _(
            "回答の表に、システム台帳に反映できない行があります。直すには県の担当者に差し戻しを依頼してください。"
        ),
        {"rows": error.messages},
    )


def response_inventory_preview(*, actor, response_id) -> list[tuple[Question, list]]:
    """What confirming would do: each feeding question with its rows' changes (created or updated)."""
    response = Response.objects.select_related("survey", "municipality").get(pk=response_id)
    access.require(actor, "survey_response.feed", response)
    fed = _feed_rows(response)
    _check_feedable(response, fed)
    try:
        return [
            (question, feed.preview(municipality=response.municipality, rows=rows))
            for question, feed, rows in fed
        ]
    except inventory_feeds.FeedError as error:
        raise _refused(error) from None


def response_update_inventory(*, actor, response_id) -> list | None:
    """The municipality confirms that its answer updates its system inventory. Returns the changes
    made, or None when this version of the answer was applied already (nothing changes)."""
    try:
        with transaction.atomic():
            response = (
                Response.objects.select_for_update(of=("self",))
                .select_related("survey", "municipality")
                .get(pk=response_id)
            )
            access.require(actor, "survey_response.feed", response)
            if response.inventory_applied:
                return None
            fed = _feed_rows(response)
            _check_feedable(response, fed)
            changes = []
            for _question, feed, rows in fed:
                changes += feed.apply(actor=actor, municipality=response.municipality, rows=rows)
            response.inventory_applied_by, response.inventory_applied_at = actor, timezone.now()
            response.inventory_applied_version = response.version
            response.save(
                update_fields=["inventory_applied_by", "inventory_applied_at", "inventory_applied_version"]
            )
            return changes
    except inventory_feeds.FeedError as error:
        raise _refused(error) from None
