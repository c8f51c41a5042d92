"""A municipality's systems in use (システム台帳): what it runs per business area, from which vendor, and
until when its contract runs. The partner finder reads the contract ends: municipalities whose
renewals fall close together can procure jointly."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import Municipality, SystemArea


class SystemInUse(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="systems_in_use", verbose_name=_("団体")
    )
    area = models.ForeignKey(
        SystemArea, on_delete=models.PROTECT, related_name="systems_in_use", verbose_name=_("業務")
    )
    name = models.CharField(_("システム名"), max_length=100)
    vendor = models.CharField(_("事業者"), max_length=100)
    package = models.CharField(_("パッケージ名"), max_length=100, blank=True)
    contract_start = models.DateField(_("契約開始日"))
    contract_end = models.DateField(_("契約終了日"))
    annual_cost = models.PositiveBigIntegerField(_("年間経費（円）"), null=True, blank=True)
    note = models.TextField(_("メモ"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("更新した人"),
    )
    updated_at = models.DateTimeField(_("更新日時"), default=timezone.now)

    class Meta:
        verbose_name = _("利用中のシステム")
        verbose_name_plural = _("利用中のシステム")
        ordering = ["area__order", "area__name", "contract_end", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(contract_end__gt=models.F("contract_start")),
                name="procurement_system_contract_ends_after_start",
                violation_error_message=_("契約終了日は契約開始日より後の日付にしてください。"),
            ),
        ]

    def __str__(self):
        return f"{self.municipality}: {self.area} {self.name}"
