"""Writes to the group's records: vendor Q&A, documents and their versions, the decision log.

Each service checks access first, runs in one transaction and refuses bad input with a Japanese
message (RecordsError, a ValidationError naming the field where there is one), so nothing is half
saved. A double submit is harmless: the same question, file or agreement sent again returns the row the
first submit made. Notices are enqueued inside the transaction, one per action."""

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal import access, validators
from portal.models import User
from portal.uploads import CheckedUpload, ensure_checked, storage
from procurement import files_records
from procurement.models import (
    Agreement,
    Document,
    DocumentKind,
    DocumentVersion,
    QuestionRound,
    VendorQuestion,
    Workspace,
)
from procurement.notifications_records import notify_document_version, notify_questions_published

VENDOR = validators.TitleRule(
    required=gettext_lazy("質問した事業者の名前を入力してください。"),
    one_line=gettext_lazy("事業者の名前は1行で入力してください。"),
    too_long=gettext_lazy("事業者の名前は100文字以内で入力してください。"),
    max_length=100,
)
DOCUMENT_TITLE = validators.TitleRule(
    required=gettext_lazy("資料の題名を入力してください。"),
    one_line=gettext_lazy("資料の題名は1行で入力してください。"),
    too_long=gettext_lazy("資料の題名は120文字以内で入力してください。"),
    max_length=120,
)
VERSION_NOTE = validators.LineRule(gettext_lazy("変更点は200文字以内の1行で入力してください。"))
MEETING = validators.LineRule(
    gettext_lazy("会議の名前は100文字以内の1行で入力してください。"), max_length=100
)
TEXT_MAX = 4000


class RecordsError(ValidationError):
    """A rule of the group's records said no; the message is for the user."""


def _field(name: str, rule, value: str) -> str:
    """A rule's value, its refusal said next to the field it came from."""
    try:
        return rule.clean(value)
    except ValidationError as error:
        raise RecordsError({name: error.messages}) from None


def _text(name: str, value: str, required: str) -> str:
    text = (value or "").strip()
    if not text:
        raise RecordsError({name: [required]})
    if len(text) > TEXT_MAX:
        raise RecordsError({name: [_("%(max)d文字以内で入力してください。") % {"max": TEXT_MAX}]})
    return text


def _locked_workspace(workspace_id: int) -> Workspace:
    """The workspace row locked, so two writers never take the same number."""
    return Workspace.objects.select_for_update().get(pk=workspace_id)


def _next_number(rows) -> int:
    last = rows.order_by("-number").values_list("number", flat=True).first()
    return (last or 0) + 1


# --- Vendor Q&A -------------------------------------------------------------------------------------


def _checked_question(round: str, vendor: str, question: str, answer: str) -> tuple[str, str, str, str]:
    if round not in QuestionRound.values:
        raise RecordsError({"round": [_("RFI か RFP かを選んでください。")]})
    vendor = _field("vendor", VENDOR, vendor)
    question = _text("question", question, _("質問の内容を入力してください。"))
    answer = (answer or "").strip()
    if len(answer) > TEXT_MAX:
        raise RecordsError({"answer": [_("%(max)d文字以内で入力してください。") % {"max": TEXT_MAX}]})
    return round, vendor, question, answer


def question_create(
    *, actor: User, workspace_id: int, round: str, vendor: str, question: str, answer: str = ""
) -> VendorQuestion:
    """The secretariat enters a vendor's question (and its answer, if it has one) as a draft."""
    with transaction.atomic():
        workspace = _locked_workspace(workspace_id)
        access.require(actor, "procurement.question.manage", workspace)
        round, vendor, question, answer = _checked_question(round, vendor, question, answer)
        questions = workspace.vendor_questions.all()
        existing = questions.filter(round=round, vendor=vendor, question=question).first()
        if existing is not None:
            return existing
        now = timezone.now()
        return VendorQuestion.objects.create(
            workspace=workspace,
            number=_next_number(questions),
            round=round,
            vendor=vendor,
            question=question,
            answer=answer,
            answered_by=actor if answer else None,
            answered_at=now if answer else None,
            created_by=actor,
            created_at=now,
        )


def question_update(
    *, actor: User, question_id: int, round: str, vendor: str, question: str, answer: str
) -> VendorQuestion:
    """The secretariat edits a draft and answers it. A published Q&A has gone out to the vendors as it
    is: it is not changed afterwards (a correction is a new question and answer)."""
    with transaction.atomic():
        row = VendorQuestion.objects.select_for_update().select_related("workspace").get(pk=question_id)
        access.require(actor, "procurement.question.manage", row.workspace)
        if row.is_published:
            raise RecordsError(
                _("公開済みの質問回答は変更できません。訂正は新しい質問回答として登録してください。")
            )
        round, vendor, question, answer = _checked_question(round, vendor, question, answer)
        if answer != row.answer:
            row.answered_by, row.answered_at = (actor, timezone.now()) if answer else (None, None)
        row.round, row.vendor, row.question, row.answer = round, vendor, question, answer
        row.save()
    return row


def questions_publish(*, actor: User, workspace_id: int, question_ids: Sequence[int]) -> list[VendorQuestion]:
    """Publish the chosen drafts at once; the members' staff get one notice for the batch. Those
    already published are left as they are (a second submit publishes nothing again)."""
    with transaction.atomic():
        workspace = _locked_workspace(workspace_id)
        access.require(actor, "procurement.question.manage", workspace)
        chosen = list(
            workspace.vendor_questions.select_for_update()
            .filter(pk__in=list(question_ids))
            .order_by("number")
        )
        if not chosen:
            raise RecordsError({"questions": [_("公開する質問回答を選んでください。")]})
        drafts = [row for row in chosen if not row.is_published]
        unanswered = [row for row in drafts if not row.answer]
        if unanswered:
            raise RecordsError(
                {
                    "questions": [
                        _("回答のない質問は公開できません（%(numbers)s）。")
                        % {"numbers": "、".join(f"No.{row.number}" for row in unanswered)}
                    ]
                }
            )
        if not drafts:
            return []
        now = timezone.now()
        for row in drafts:
            row.published_at = now
            row.save(update_fields=["published_at"])
        notify_questions_published.enqueue(
            workspace_id=workspace.pk,
            batch=now.isoformat(),
            rounds=sorted({row.get_round_display() for row in drafts}),
            count=len(drafts),
            actor_id=actor.pk,
        )
    return drafts


# --- Documents and their versions ------------------------------------------------------------------


def _checked_upload(upload: CheckedUpload | None) -> CheckedUpload:
    if upload is None:
        raise RecordsError({"file": [_("ファイルを選んでください。")]})
    return ensure_checked([upload])[0]


def _store_version(document: Document, upload: CheckedUpload, *, actor: User, note: str) -> DocumentVersion:
    version = files_records.store_version(document, upload, actor=actor, note=note)
    notify_document_version.enqueue(version_id=version.pk)
    return version


def document_create(
    *, actor: User, workspace_id: int, kind: str, title: str, upload: CheckedUpload | None, note: str = ""
) -> Document:
    """A new document of the group with its first version."""
    with storage.removed_unless_committed(), transaction.atomic():
        workspace = _locked_workspace(workspace_id)
        access.require(actor, "procurement.document.upload", workspace)
        upload = _checked_upload(upload)
        if kind not in DocumentKind.values:
            raise RecordsError({"kind": [_("資料の種類を選んでください。")]})
        title = _field("title", DOCUMENT_TITLE, title)
        note = _field("note", VERSION_NOTE, note)
        existing = workspace.documents.filter(title=title).first()
        if existing is not None:
            latest = existing.versions.first()
            if latest is not None and latest.sha256 == files_records.fingerprint(upload):
                return existing
            raise RecordsError(
                {"title": [_("同じ題名の資料がすでにあります。その資料の新しい版として登録してください。")]}
            )
        document = Document.objects.create(workspace=workspace, kind=kind, title=title, created_by=actor)
        _store_version(document, upload, actor=actor, note=note)
    return document


def document_version_add(
    *, actor: User, document_id: int, upload: CheckedUpload | None, note: str = ""
) -> DocumentVersion:
    """A new version of a document; the earlier ones stay. The same file as the latest version (a
    second submit) makes no new version."""
    with storage.removed_unless_committed(), transaction.atomic():
        document = Document.objects.select_for_update().select_related("workspace").get(pk=document_id)
        access.require(actor, "procurement.document.upload", document.workspace)
        upload = _checked_upload(upload)
        note = _field("note", VERSION_NOTE, note)
        latest = document.versions.first()
        if latest is not None and latest.sha256 == files_records.fingerprint(upload):
            return latest
        return _store_version(document, upload, actor=actor, note=note)


# --- The decision log -------------------------------------------------------------------------------


def agreement_record(
    *,
    actor: User,
    workspace_id: int,
    text: str,
    decided_on: datetime.date | None,
    meeting: str = "",
    agreed_by: Sequence[int] = (),
    supersedes_id: int | None = None,
) -> Agreement:
    """Record what the group agreed. A correction names the entry it supersedes, which stays in the
    log marked as superseded: history is never edited away."""
    with transaction.atomic():
        workspace = _locked_workspace(workspace_id)
        access.require(actor, "procurement.agreement.record", workspace)
        text = _text("text", text, _("合意した内容を入力してください。"))
        if decided_on is None:
            raise RecordsError({"decided_on": [_("合意日を入力してください。")]})
        if decided_on > timezone.localdate():
            raise RecordsError({"decided_on": [_("合意日に未来の日付は指定できません。")]})
        meeting = _field("meeting", MEETING, meeting)
        members = list(workspace.members.filter(pk__in=list(agreed_by)))
        if not members or len(members) != len(set(agreed_by)):
            raise RecordsError({"agreed_by": [_("合意した参加団体を1つ以上選んでください。")]})
        agreements = workspace.agreements.all()
        supersedes = None
        if supersedes_id is not None:
            supersedes = agreements.select_for_update().filter(pk=supersedes_id).first()
            if supersedes is None:
                raise RecordsError({"supersedes": [_("訂正する合意事項が見つかりません。")]})
        same = agreements.filter(
            text=text, decided_on=decided_on, meeting=meeting, supersedes=supersedes, recorded_by=actor
        ).first()
        if same is not None:
            return same
        if supersedes is not None and hasattr(supersedes, "superseded_by"):
            numbers = {"old": supersedes.number, "new": supersedes.superseded_by.number}
            message = _("No.%(old)d はすでに No.%(new)d で訂正されています。No.%(new)d を訂正してください。")
            raise RecordsError({"supersedes": [message % numbers]})
        agreement = Agreement.objects.create(
            workspace=workspace,
            number=_next_number(agreements),
            text=text,
            decided_on=decided_on,
            meeting=meeting,
            supersedes=supersedes,
            recorded_by=actor,
        )
        agreement.agreed_by.set(members)
    return agreement
