"""照会 (surveys): one set of questions sent by the prefecture to municipalities, each answering once.

A survey is built while a draft, then opened: from then on its questions and the municipalities asked
are fixed (answers refer to them). Each asked municipality has at most one Response, written by any of
its active staff and submitted by one of them; it is locked once submitted unless the prefecture
reopens it with a reason. Answers are JSON values, one per question (a table question's value is a list
of rows); files of a file question are AnswerFiles in private storage, served through a checked view.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import Municipality


class SurveyBuilder(models.Model):
    """A prefecture official given the right to build and send surveys (advisors have it by role).

    Officials hold no Django permission (portal.backends counts permissions for advisors only), so the
    right is this row, which an admin adds with `manage.py surveys_grant_builder <email>` (--revoke takes it
    back); it counts only while the holder is an active official."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="survey_builder",
        verbose_name=_("利用者"),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    granted_at = models.DateTimeField(_("付与日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("照会を作成できる県職員")
        verbose_name_plural = _("照会を作成できる県職員")

    def __str__(self):
        return str(self.user)


class Audience(models.TextChoices):
    ALL = "all", _("全39市町村")
    DISTRICT = "district", _("郡を指定")
    CHOSEN = "chosen", _("市町村を選ぶ")


class SurveyState(models.TextChoices):
    DRAFT = "draft", _("作成中")
    OPEN = "open", _("回答受付中")
    CLOSED = "closed", _("締切済み")


class Survey(models.Model):
    State = SurveyState

    title = models.CharField(_("件名"), max_length=200)
    description = models.TextField(_("照会の趣旨・説明"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("作成者")
    )
    deadline = models.DateTimeField(_("回答期限"))
    audience = models.CharField(_("照会先"), max_length=16, choices=Audience.choices, default=Audience.ALL)
    district = models.CharField(_("郡"), max_length=50, blank=True)
    # The municipalities asked, as the audience gave them when saved: what the survey was sent to.
    municipalities = models.ManyToManyField(Municipality, related_name="+", verbose_name=_("照会先の市町村"))
    needs_approval = models.BooleanField(
        _("担当課長の承認を求める"),
        default=False,
        help_text=_("オンにすると、提出した人とは別の同じ団体の職員が承認して回答が確定します。"),
    )
    results_visible_to_municipalities = models.BooleanField(
        _("集計結果を照会先の市町村にも公開する"), default=False
    )
    visible_to_officials = models.BooleanField(_("集計結果を県職員（幹部）にも公開する"), default=False)
    state = models.CharField(_("状態"), max_length=16, choices=State.choices, default=State.DRAFT)
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("前回の照会（回答を引き継ぐ）"),
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    opened_at = models.DateTimeField(_("照会日時"), null=True, blank=True)
    closed_at = models.DateTimeField(_("締切日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("照会")
        verbose_name_plural = _("照会")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def deadline_time_text(self) -> str:
        """The deadline's time of day in Japan (the date is shown with the wareki filter)."""
        return f" {timezone.localtime(self.deadline):%H:%M}"

    @property
    def is_past_deadline(self) -> bool:
        return timezone.now() > self.deadline


class QuestionKind(models.TextChoices):
    TEXT = "text", _("文章")
    NUMBER = "number", _("数値")
    YES_NO = "yes_no", _("はい／いいえ")
    SINGLE = "single", _("選択（1つ）")
    MULTIPLE = "multiple", _("選択（複数可）")
    DATE = "date", _("日付")
    TABLE = "table", _("表（行を追加）")
    FILE = "file", _("ファイル")


class ColumnKind(models.TextChoices):
    TEXT = "text", _("文章")
    NUMBER = "number", _("数値")
    DATE = "date", _("日付")


class Question(models.Model):
    Kind = QuestionKind

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField(_("順番"), default=0)
    kind = models.CharField(_("種類"), max_length=16, choices=Kind.choices)
    label = models.CharField(_("質問"), max_length=300)
    help = models.TextField(_("補足説明"), blank=True)
    required = models.BooleanField(_("回答必須"), default=False)
    # single / multiple: the options, as a list of strings.
    choices = models.JSONField(_("選択肢"), default=list, blank=True)
    # table: the columns, as a list of {"name": ..., "kind": text / number / date}.
    columns = models.JSONField(_("表の列"), default=list, blank=True)
    unit = models.CharField(_("単位"), max_length=20, blank=True)
    # table: the inventory feed (portal.inventory_feeds) the rows can update, by slug; its columns are
    # then the feed's, each with the feed's row key ("key") beside its name.
    feeds = models.CharField(_("反映先の台帳"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("質問")
        verbose_name_plural = _("質問")
        ordering = ["survey", "order", "pk"]

    def __str__(self):
        return self.label


class ResponseState(models.TextChoices):
    DRAFT = "draft", _("下書き")
    SUBMITTED = "submitted", _("提出済み")
    AWAITING_APPROVAL = "awaiting_approval", _("承認待ち")
    APPROVED = "approved", _("承認済み")
    REOPENED = "reopened", _("差し戻し（再回答中）")


# A response in these states is the municipality's answer: locked, and counted in the results.
ANSWERED = (ResponseState.SUBMITTED, ResponseState.AWAITING_APPROVAL, ResponseState.APPROVED)
EDITABLE = (ResponseState.DRAFT, ResponseState.REOPENED)


class Response(models.Model):
    State = ResponseState

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("状態"), max_length=20, choices=State.choices, default=State.DRAFT)
    # Optimistic locking: a save names the version it was edited from; a colleague's newer save wins.
    version = models.PositiveIntegerField(default=1)
    prefilled = models.BooleanField(_("前回の回答を引き継いだ"), default=False)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    saved_at = models.DateTimeField(_("最終保存日時"), auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("提出日時"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("承認日時"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reopened_at = models.DateTimeField(_("差し戻し日時"), null=True, blank=True)
    reopen_reason = models.TextField(_("差し戻しの理由"), blank=True)
    # The municipality's confirmation that this answer updates its system inventory, for the version
    # it was given at: a second press changes nothing; a corrected, resubmitted answer may update again.
    inventory_applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    inventory_applied_at = models.DateTimeField(_("システム台帳に反映した日時"), null=True, blank=True)
    inventory_applied_version = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("回答")
        verbose_name_plural = _("回答")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "municipality"], name="survey_one_response_per_municipality"
            )
        ]

    def __str__(self):
        return f"{self.survey} / {self.municipality}"

    @property
    def is_answered(self) -> bool:
        return self.state in ANSWERED

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE

    @property
    def is_final(self) -> bool:
        """Submitted, or approved where the survey asks for approval: the municipality's answer."""
        return self.state in (ResponseState.SUBMITTED, ResponseState.APPROVED)

    @property
    def inventory_applied(self) -> bool:
        return self.inventory_applied_at is not None and self.inventory_applied_version == self.version


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="survey_one_answer_per_question")
        ]

    def __str__(self):
        return f"{self.response} / {self.question}"


class AnswerFile(models.Model):
    """A file given as the answer to a file question, kept in private storage (surveys.files)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="files")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(_("ファイル名"), max_length=255)
    stored_name = models.CharField(max_length=100, editable=False)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name
