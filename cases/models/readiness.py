"""Saved readiness self-assessments (the scoring itself is cases/readiness.py)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import Municipality


class Answer(models.TextChoices):
    """An answer to one readiness question, as saved in ReadinessAssessment.answers."""

    YES = "yes", _("はい")
    PARTLY = "partly", _("一部あてはまる")
    NO = "no", _("いいえ")


class ReadinessAssessment(models.Model):
    """A saved readiness self-assessment of one municipality (private to it and the advisors)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="readiness_assessments", verbose_name=_("市町村")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("回答者"),
    )
    created_at = models.DateTimeField(_("回答日時"), default=timezone.now)
    score = models.PositiveSmallIntegerField(_("得点"))
    answers = models.JSONField(_("回答"), help_text=_("設問ごとの回答と、その時点の設問文・助言。"))

    class Meta:
        verbose_name = _("準備度の自己診断結果")
        verbose_name_plural = _("準備度の自己診断結果")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.municipality} {self.score}"
