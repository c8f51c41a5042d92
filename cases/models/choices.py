"""The classifications case studies and adoption groups share (stored as stable English slugs)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Arrangement(models.TextChoices):
    JOINT_CLOUD = "joint_cloud", _("共同クラウド")
    SINGLE_CLOUD = "single_cloud", _("単独クラウド")
    JOINT_USE = "joint_use", _("共同利用（非クラウド）")
    GOV_CLOUD = "gov_cloud", _("ガバメントクラウド")


class Organisation(models.TextChoices):
    REGIONAL_UNION = "regional_union", _("広域連合")
    PARTIAL_UNION = "partial_union", _("一部事務組合")
    VOLUNTARY = "voluntary", _("任意団体")
    SINGLE = "single", _("単独")


class Purpose(models.TextChoices):
    COST = "cost", _("コスト削減")
    EFFICIENCY = "efficiency", _("業務効率・職員負担軽減")
    SERVICE = "service", _("住民サービス向上")
    BCP = "bcp", _("BCP")


class System(models.TextChoices):
    CORE = "core", _("基幹システム")
    KOSEKI = "koseki", _("戸籍")
    PAYROLL = "payroll", _("人事給与")
    FINANCE = "finance", _("財務会計")
    PROPERTY = "property", _("公有財産管理")


class PopulationBand(models.TextChoices):
    UNDER_10K = "u10k", _("1万人未満")
    FROM_10K = "10k-30k", _("1万人以上3万人未満")
    FROM_30K = "30k-100k", _("3万人以上10万人未満")
    OVER_100K = "100k+", _("10万人以上")

    @classmethod
    def bounds(cls, band: str) -> tuple[int, int | None]:
        return {
            cls.UNDER_10K: (0, 10_000),
            cls.FROM_10K: (10_000, 30_000),
            cls.FROM_30K: (30_000, 100_000),
            cls.OVER_100K: (100_000, None),
        }[band]

    @classmethod
    def of(cls, population: int | None) -> str | None:
        if population is None:
            return None
        for band in cls:
            low, high = cls.bounds(band)
            if population >= low and (high is None or population < high):
                return band
        return None


class DatePrecision(models.TextChoices):
    """How much of a date the source gives: a seed line like 「H23.5」 is a month, 「H25」 a year."""

    DAY = "day", _("日")
    MONTH = "month", _("月")
    YEAR = "year", _("年")
