"""The seed's success factors and typology: snippets that case studies and the readiness
self-assessment are built on."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from portal.localize import localized


class SuccessFactor(index.Indexed, models.Model):
    """A success factor from the seed (成功の秘訣, 共通要因分析); readiness questions are built on them."""

    class Source(models.TextChoices):
        SECRETS = "secrets", _("成功の秘訣")
        COMMON = "common", _("共通要因分析")

    slug = models.SlugField(_("識別子"), max_length=60, unique=True)
    title = models.CharField(_("成功要因"), max_length=200)
    source = models.CharField(_("出典の区分"), max_length=16, choices=Source.choices)
    description = models.TextField(_("説明"), blank=True)
    question = models.CharField(
        _("自己診断の設問"),
        max_length=300,
        blank=True,
        help_text=_("空欄なら自己診断には出ません。「はい」と答えられる形で書いてください。"),
    )
    advice = models.TextField(_("不足しているときの助言"), blank=True)
    title_en = models.CharField(_("成功要因（英語）"), max_length=200, blank=True)
    description_en = models.TextField(_("説明（英語）"), blank=True)
    question_en = models.CharField(_("自己診断の設問（英語）"), max_length=300, blank=True)
    advice_en = models.TextField(_("不足しているときの助言（英語）"), blank=True)
    weight = models.PositiveSmallIntegerField(_("配点の重み"), default=1)
    sort_order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("source"),
        FieldPanel("description"),
        FieldPanel("question"),
        FieldPanel("advice"),
        MultiFieldPanel(
            [
                FieldPanel("title_en"),
                FieldPanel("description_en"),
                FieldPanel("question_en"),
                FieldPanel("advice_en"),
            ],
            heading=_("英語"),
        ),
        FieldRowPanel([FieldPanel("weight"), FieldPanel("sort_order")]),
    ]
    search_fields = [index.SearchField("title"), index.SearchField("description")]

    class Meta:
        verbose_name = _("成功要因")
        verbose_name_plural = _("成功要因")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.localized_title

    @property
    def localized_title(self) -> str:
        return localized(self.title, self.title_en)

    @property
    def localized_description(self) -> str:
        return localized(self.description, self.description_en)

    @property
    def localized_question(self) -> str:
        return localized(self.question, self.question_en)


class TypologyEntry(index.Indexed, models.Model):
    """One side of the seed's typology (自治体クラウド導入形態類型考察)."""

    class Dimension(models.TextChoices):
        FRAMEWORK = "framework", _("導入の枠組み")
        PURPOSE = "purpose", _("目的")

    slug = models.SlugField(_("識別子"), max_length=60, unique=True)
    title = models.CharField(_("類型"), max_length=200)
    dimension = models.CharField(_("観点"), max_length=16, choices=Dimension.choices)
    points = models.TextField(_("特徴"), help_text=_("1行に1項目。"))
    sort_order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("dimension"),
        FieldPanel("points"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("title"), index.SearchField("points")]

    class Meta:
        verbose_name = _("導入形態の類型")
        verbose_name_plural = _("導入形態の類型")
        ordering = ["dimension", "sort_order", "pk"]

    def __str__(self):
        return self.title

    @property
    def point_list(self) -> list[str]:
        return [line.strip() for line in self.points.splitlines() if line.strip()]
