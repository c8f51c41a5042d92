"""The consultation desk's data: consultations, their history, thread, files, visits, ratings, notices."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.localize import ChoiceLabels
from portal.models import Municipality, SystemArea


class Category(models.TextChoices):
    PROCUREMENT = "procurement", _("調達")
    CONTRACT = "contract", _("契約")
    OPTIMISATION = "optimisation", _("最適化")
    OPEN_SYSTEMS = "open_systems", _("オープン化")
    CLOUD = "cloud", _("クラウド化")
    JOINT_USE = "joint_use", _("共同化")
    SECURITY = "security", _("セキュリティ")
    BCP = "bcp", _("BCP")
    DATA_MIGRATION = "data_migration", _("データ移行")
    SLA = "sla", _("SLA")
    OTHER = "other", _("その他")


class Priority(models.TextChoices):
    URGENT = "urgent", _("至急")
    NORMAL = "normal", _("通常")
    LOW = "low", _("低")


class Status(models.TextChoices):
    NEW = "new", _("受付")
    IN_PROGRESS = "in_progress", _("対応中")
    WAITING = "waiting", _("回答待ち")
    RESOLVED = "resolved", _("解決")
    CLOSED = "closed", _("完了")
    WITHDRAWN = "withdrawn", _("取下げ")


OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS, Status.WAITING)
# Open and on the advisors' clock: the statuses in which a consultation can be overdue.
RUNNING_STATUSES = (Status.NEW, Status.IN_PROGRESS)
# What a requester still has in hand: open, or resolved and so still open to reopening.
IN_HAND_STATUSES = (*OPEN_STATUSES, Status.RESOLVED)
FINISHED_STATUSES = (Status.CLOSED, Status.WITHDRAWN)

# The workflow: which status may follow which (who may do it is portal.access's business).
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.NEW: frozenset({Status.IN_PROGRESS, Status.WITHDRAWN, Status.CLOSED}),
    Status.IN_PROGRESS: frozenset({Status.WAITING, Status.RESOLVED, Status.WITHDRAWN, Status.CLOSED}),
    Status.WAITING: frozenset({Status.IN_PROGRESS, Status.RESOLVED, Status.WITHDRAWN, Status.CLOSED}),
    Status.RESOLVED: frozenset({Status.CLOSED, Status.IN_PROGRESS}),
    Status.CLOSED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}


def fiscal_year_of(day: datetime.date) -> int:
    """The Japanese fiscal year (年度) runs from April to March."""
    return day.year if day.month >= 4 else day.year - 1


class ReferenceCounter(models.Model):
    """The last reference number issued in a fiscal year; bumped in the filing transaction."""

    fiscal_year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("受付番号の採番")

    def __str__(self):
        return f"{self.fiscal_year}: {self.last_number}"


class Consultation(ChoiceLabels, models.Model):
    reference = models.CharField(_("受付番号"), max_length=16, unique=True, editable=False)
    fiscal_year = models.PositiveSmallIntegerField(_("年度"), editable=False)
    number = models.PositiveIntegerField(_("年度内番号"), editable=False)
    title = models.CharField(_("件名"), max_length=200)
    body = models.TextField(_("相談内容"))
    category = models.CharField(_("分類"), max_length=20, choices=Category.choices)
    system_areas = models.ManyToManyField(
        SystemArea, blank=True, related_name="consultations", verbose_name=_("業務システム分野")
    )
    priority = models.CharField(_("優先度"), max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    desired_answer_on = models.DateField(_("回答希望日"), null=True, blank=True)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="consultations_requested",
        verbose_name=_("相談者"),
    )
    municipalities = models.ManyToManyField(
        Municipality, related_name="consultations", verbose_name=_("相談団体")
    )
    # The municipality that filed it; joint-procurement partners in `municipalities` read and reply,
    # but rating, withdrawing and confirming are the filing municipality's decisions.
    filing_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("申請団体"),
    )
    status = models.CharField(_("状態"), max_length=12, choices=Status.choices, default=Status.NEW)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations_assigned",
        verbose_name=_("担当補佐官"),
    )
    followers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="consultations_followed",
        verbose_name=_("フォロー"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("受付日時"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    first_response_at = models.DateTimeField(_("初回回答日時"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("解決日時"), null=True, blank=True)
    closed_at = models.DateTimeField(_("完了日時"), null=True, blank=True)
    # SLA: due dates in business days, recomputed by the services; the clock pauses while waiting.
    first_response_due = models.DateField(_("初回回答期限"), null=True, blank=True)
    resolution_due = models.DateField(_("解決期限"), null=True, blank=True)
    waiting_since = models.DateField(null=True, blank=True, editable=False)
    paused_business_days = models.PositiveIntegerField(default=0, editable=False)
    # While it runs (受付・対応中), the earliest due date still to meet: the first answer's until it is
    # given, else the resolution's; none while it waits or is finished. It is overdue from the day after.
    # Kept with the due dates by the services, so that DueCount knows what it last counted for the row.
    next_due = models.DateField(null=True, blank=True, editable=False)
    # The notices about it (portal.Notification points at its object generically) go when it goes.
    notifications = GenericRelation("portal.Notification")

    class Meta:
        verbose_name = _("相談")
        verbose_name_plural = _("相談")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "number"], name="consultation_number_per_year"),
        ]
        # The queue's orders and its overdue-first default, served in order by an index at any size.
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["-created_at", "-id"], name="consultation_newest"),
            models.Index(fields=["resolution_due", "id"], name="consultation_due"),
            models.Index(
                fields=["resolution_due", "id"],
                condition=Q(status__in=["new", "in_progress", "waiting"]),
                name="consultation_open_due",
            ),
            models.Index(
                fields=["first_response_due"],
                condition=Q(first_response_at__isnull=True, status__in=["new", "in_progress"]),
                name="consultation_first_answer_due",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_STATUSES

    @property
    def is_waiting(self) -> bool:
        return self.status == Status.WAITING

    @property
    def is_urgent(self) -> bool:
        return self.priority == Priority.URGENT


class Event(models.Model):
    """One line of a consultation's history: who did what, when, from which status to which."""

    class Kind(models.TextChoices):
        FILED = "filed", _("受付")
        STATUS = "status", _("状態の変更")
        ASSIGNED = "assigned", _("担当の変更")
        HANDOVER = "handover", _("引継ぎ")
        REPLY_EDITED = "reply_edited", _("回答の編集")

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("種類"), max_length=16, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("日時"), default=timezone.now)
    from_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    note = models.TextField(_("メモ"), blank=True)

    class Meta:
        verbose_name = _("履歴")
        verbose_name_plural = _("履歴")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.from_status}→{self.to_status}"

    @property
    def is_status_change(self) -> bool:
        return self.kind == self.Kind.STATUS


class Message(models.Model):
    """A public reply (both sides see it) or an internal note (advisors only)."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    internal = models.BooleanField(_("内部メモ"), default=False)
    body = models.TextField(_("本文"))
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.consultation_id}/{self.pk}"


class MessageRevision(models.Model):
    """The text a reply had before an edit."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    replaced_at = models.DateTimeField(default=timezone.now)
    replaced_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["replaced_at", "pk"]

    def __str__(self):
        return f"{self.message_id} @ {self.replaced_at:%Y-%m-%d %H:%M}"


class Attachment(models.Model):
    """A checked file stored under PRIVATE_STORAGE_ROOT with a random name; the real name lives here."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    internal = models.BooleanField(default=False)
    name = models.CharField(_("ファイル名"), max_length=200)
    stored_name = models.CharField(max_length=64, unique=True, editable=False)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.name


class Visit(models.Model):
    """An on-site visit (出前相談), asked for by staff or planned by advisors; a consultation is optional."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("依頼中")
        SCHEDULED = "scheduled", _("予定")
        DONE = "done", _("実施済み")
        CANCELLED = "cancelled", _("中止")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, null=True, blank=True, related_name="visits"
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="visits", verbose_name=_("訪問先")
    )
    state = models.CharField(_("状態"), max_length=12, choices=State.choices, default=State.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    preferred_dates = models.TextField(_("希望日"), blank=True)
    scheduled_on = models.DateField(_("訪問日"), null=True, blank=True)
    scheduled_time = models.TimeField(_("時刻"), null=True, blank=True)
    place = models.CharField(_("場所"), max_length=200, blank=True)
    attendees = models.TextField(_("出席者"), blank=True)
    minutes_public = models.TextField(_("記録（共有）"), blank=True)
    minutes_internal = models.TextField(_("記録（内部）"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("出前相談")
        verbose_name_plural = _("出前相談")
        ordering = ["scheduled_on", "scheduled_time", "pk"]

    def __str__(self):
        return f"{self.municipality} {self.scheduled_on or self.get_state_display()}"


class Rating(models.Model):
    """The requester's view after resolution: 1–5 and two outcome questions."""

    class Outcome(models.TextChoices):
        YES = "yes", _("はい")
        PARTLY = "partly", _("一部")
        NO = "no", _("いいえ")
        NOT_APPLICABLE = "na", _("該当しない")

    consultation = models.OneToOneField(Consultation, on_delete=models.CASCADE, related_name="rating")
    score = models.PositiveSmallIntegerField(_("満足度"))
    solved = models.CharField(_("課題は解決しましたか"), max_length=8, choices=Outcome.choices)
    went_ahead = models.CharField(
        _("予定していた調達・変更は実施されましたか"), max_length=8, choices=Outcome.choices
    )
    comment = models.TextField(_("ご意見"), blank=True)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(name="rating_score_1_to_5", condition=Q(score__gte=1, score__lte=5)),
        ]

    def __str__(self):
        return f"{self.consultation_id}: {self.score}"


class NotificationKind(models.TextChoices):
    """The desk's kinds of notice, registered with portal.notification_kinds (consultations.notifications)."""

    NEW_CONSULTATION = "new", _("新しい相談")
    ASSIGNED = "assigned", _("担当の割当て")
    REPLY = "reply", _("回答・返信")
    NOTE = "note", _("内部メモ")
    STATUS = "status", _("状態の変更")
    DUE_SOON = "due_soon", _("期限が近い相談")
    VISIT = "visit", _("出前相談の予定")


class StatusCount(models.Model):
    """How many consultations are in each status: over all of them (no municipality) and per municipality
    that owns them (the filing one and its joint partners), so that a list's counts read a few rows
    instead of counting the table. consultations.counts keeps them, in the transaction that files a
    consultation or changes its status, and rebuilds them after a bulk load."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, null=True, related_name="+")
    status = models.CharField(max_length=12, choices=Status.choices)
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["municipality", "status"], name="status_count_per_municipality"),
            models.UniqueConstraint(
                fields=["status"], condition=Q(municipality__isnull=True), name="status_count_overall"
            ),
        ]

    def __str__(self):
        return f"{self.municipality_id or '*'} {self.status}: {self.n}"


class MonthlyCount(models.Model):
    """Consultations filed per month (local time) and category, over all and per owning municipality:
    the dashboard's figures, kept like StatusCount."""

    month = models.DateField()  # the month's first day
    category = models.CharField(max_length=20, choices=Category.choices)
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, null=True, related_name="+")
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "category", "municipality"], name="monthly_count_per_municipality"
            ),
            models.UniqueConstraint(
                fields=["month", "category"],
                condition=Q(municipality__isnull=True),
                name="monthly_count_overall",
            ),
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.category} {self.municipality_id or '*'}: {self.n}"


class DueCount(models.Model):
    """How many running consultations have each next due date (Consultation.next_due), so that the
    number overdue on any day is a sum over due dates rather than a count of the table; kept like
    StatusCount, in the transaction that changes a consultation's due date or status."""

    due = models.DateField(unique=True)
    n = models.IntegerField(default=0)

    def __str__(self):
        return f"{self.due}: {self.n}"


class RatingCount(models.Model):
    """How many ratings give each score with each pair of outcomes: the dashboard's average and totals
    from a few dozen rows at most. Kept when a rating is given or changed."""

    score = models.PositiveSmallIntegerField()
    solved = models.CharField(max_length=8, choices=Rating.Outcome.choices)
    went_ahead = models.CharField(max_length=8, choices=Rating.Outcome.choices)
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["score", "solved", "went_ahead"], name="rating_count_per_answer"),
        ]

    def __str__(self):
        return f"{self.score} {self.solved} {self.went_ahead}: {self.n}"


class LatestFiling(models.Model):
    """When each municipality last owned a newly filed consultation (as filer or joint partner): who has
    been silent is one read of these rows. Kept when a consultation is filed."""

    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE, related_name="+")
    filed_at = models.DateTimeField()

    def __str__(self):
        return f"{self.municipality_id}: {self.filed_at:%Y-%m-%d %H:%M}"


class Export(models.Model):
    """A CSV export too large to stream in one request: who asked, with which filters, and the file a
    background task made of it (under PRIVATE_STORAGE_ROOT, for the requester only, until it expires)."""

    class State(models.TextChoices):
        PENDING = "pending", _("作成中")
        READY = "ready", _("ダウンロードできます")
        FAILED = "failed", _("作成できませんでした")
        EXPIRED = "expired", _("期限切れ")

    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The queue's filters as the query string the requester used: the task reads them as that user.
    query = models.TextField(blank=True)
    language = models.CharField(max_length=10)
    state = models.CharField(_("状態"), max_length=10, choices=State.choices, default=State.PENDING)
    row_count = models.PositiveIntegerField(_("件数"), null=True, blank=True)
    name = models.CharField(_("ファイル名"), max_length=100, blank=True)
    stored_name = models.CharField(max_length=64, blank=True, editable=False)
    error = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(_("依頼日時"), default=timezone.now)
    finished_at = models.DateTimeField(_("作成日時"), null=True, blank=True)
    expires_at = models.DateTimeField(_("保存期限"), null=True, blank=True)
    notifications = GenericRelation("portal.Notification")

    class Meta:
        verbose_name = _("CSVの書き出し")
        verbose_name_plural = _("CSVの書き出し")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "expires_at"])]

    def __str__(self):
        return f"{self.requester_id} {self.created_at:%Y-%m-%d %H:%M} {self.state}"

    @property
    def is_downloadable(self) -> bool:
        return (
            self.state == self.State.READY
            and bool(self.stored_name)
            and (self.expires_at is None or self.expires_at > timezone.now())
        )
