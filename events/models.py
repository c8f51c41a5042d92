"""Study sessions, training, briefings and site visits (勉強会・研修会・説明会・視察), who registered,
who came and what they said afterwards, and requests to visit a case study's municipality."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import Municipality


class Kind(models.TextChoices):
    STUDY = "study", _("勉強会")
    TRAINING = "training", _("研修会")
    BRIEFING = "briefing", _("説明会")
    SITE_VISIT = "site_visit", _("視察")


class Audience(models.TextChoices):
    ALL = "all", _("すべての市町村")
    DISTRICT = "district", _("地域（郡・圏域）")
    INVITED = "invited", _("招待した市町村")


class EventState(models.TextChoices):
    DRAFT = "draft", _("下書き")
    PUBLISHED = "published", _("公開")
    CANCELLED = "cancelled", _("中止")


class Event(models.Model):
    kind = models.CharField(_("種類"), max_length=20, choices=Kind.choices, default=Kind.STUDY)
    title = models.CharField(_("名称"), max_length=200)
    description = models.TextField(_("内容"), blank=True)
    starts_at = models.DateTimeField(_("開始日時"))
    ends_at = models.DateTimeField(_("終了日時"))
    place = models.CharField(_("会場"), max_length=200, blank=True)
    # A link only: a third-party player embedded in the page would track the officials who open it.
    online_url = models.URLField(_("オンライン参加のURL"), blank=True)
    capacity = models.PositiveIntegerField(_("定員"), null=True, blank=True, help_text=_("空欄は定員なし"))
    audience = models.CharField(_("対象"), max_length=20, choices=Audience.choices, default=Audience.ALL)
    district = models.CharField(_("対象の地域"), max_length=50, blank=True)
    invited_municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="+", verbose_name=_("招待する市町村")
    )
    registration_deadline = models.DateTimeField(_("申込締切"))
    state = models.CharField(max_length=20, choices=EventState.choices, default=EventState.DRAFT)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("主催者")
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"),
            models.CheckConstraint(
                condition=Q(registration_deadline__lte=F("starts_at")), name="event_deadline_not_after_start"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def is_published(self) -> bool:
        return self.state == EventState.PUBLISHED

    def is_for(self, municipality: Municipality | None) -> bool:
        """Whether this municipality's staff are the event's audience."""
        if self.audience == Audience.ALL:
            return True
        if municipality is None:
            return False
        if self.audience == Audience.DISTRICT:
            return municipality.district == self.district
        return self.invited_municipalities.filter(pk=municipality.pk).exists()


class RegistrationState(models.TextChoices):
    CONFIRMED = "confirmed", _("参加確定")
    WAITING = "waiting", _("キャンセル待ち")
    CANCELLED = "cancelled", _("取消")


ACTIVE_STATES = (RegistrationState.CONFIRMED, RegistrationState.WAITING)


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=20, choices=RegistrationState.choices)
    created_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    follow_up_requested_at = models.DateTimeField(null=True, blank=True)
    # None: not recorded yet.
    attended = models.BooleanField(null=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=Q(state__in=["confirmed", "waiting"]),
                name="one_active_registration_per_person_and_event",
            ),
        ]

    def __str__(self):
        return f"{self.event} / {self.person}"

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES


class Material(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("資料名"), max_length=200)
    name = models.CharField(max_length=255)
    stored_name = models.CharField(max_length=100)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    published_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["published_at", "pk"]

    def __str__(self):
        return self.title


class FollowUp(models.Model):
    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="follow_up")
    satisfaction = models.PositiveSmallIntegerField(_("満足度"), choices=[(n, str(n)) for n in range(1, 6)])
    next_action = models.TextField(_("今後取り組むこと"), blank=True)
    topics_wanted = models.TextField(_("今後取り上げてほしいテーマ"), blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(satisfaction__gte=1, satisfaction__lte=5), name="follow_up_satisfaction_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.registration} ({self.satisfaction})"


class OutcomeKind(models.TextChoices):
    KNOWHOW = "knowhow", _("ノウハウ共有の投稿")
    CONSULTATION = "consultation", _("相談")
    OTHER = "other", _("その他")


class EventOutcome(models.Model):
    """What a past event led to, as the advisor names it (a URL and title: events imports no app)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("種類"), max_length=20, choices=OutcomeKind.choices)
    title = models.CharField(_("タイトル"), max_length=200)
    url = models.CharField(_("ページのURL"), max_length=500)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.title


class VisitState(models.TextChoices):
    REQUESTED = "requested", _("回答待ち")
    ACCEPTED = "accepted", _("受入れ")
    DECLINED = "declined", _("辞退")


class VisitRequest(models.Model):
    """A municipality asks to visit a case study's municipality (「兎に角、成功現場を見に行く」)."""

    case_page_id = models.PositiveIntegerField()
    case_title = models.CharField(max_length=255)
    host = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requesting_municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    requested_dates = models.CharField(_("希望日"), max_length=200)
    purpose = models.TextField(_("目的・見たいこと"))
    people = models.PositiveSmallIntegerField(_("人数"))
    state = models.CharField(max_length=20, choices=VisitState.choices, default=VisitState.REQUESTED)
    proposed_dates = models.CharField(_("提案する日程"), max_length=200, blank=True)
    decline_reason = models.TextField(_("辞退の理由"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    joined = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.case_title
