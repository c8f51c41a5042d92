"""Case studies as Wagtail pages: the index, the case page and the rows a case holds (milestones,
results, documents), with the values derived from them."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cases.models.choices import Arrangement, DatePrecision, Organisation, Purpose, System
from cases.models.taxonomy import SuccessFactor, TypologyEntry
from portal import access
from portal.models import Municipality

STALE_AFTER_DAYS = 365
# Paths under /cases/ served by cases/urls.py: a case page with one of these slugs would be unreachable.
RESERVED_SLUGS = frozenset({"adoption", "compare", "readiness", "stale", "typology", "like-mine"})
# The cases a visitor has picked to compare, kept in the session (cases/views.py writes it).
COMPARE_SESSION_KEY = "cases_compare"


class CaseStudyIndexPage(Page):
    """The parent of every case study; /cases/ lists its live children with filters."""

    introduction = RichTextField(_("紹介文"), blank=True, features=["bold", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["cases.CaseStudyPage"]
    max_count = 1
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    class Meta:
        verbose_name = _("事例一覧ページ")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["cases"] = CaseStudyPage.objects.child_of(self).live().order_by("title")
        return context


class CaseStudyPage(Page):
    """A success case, with fields that can be compared across cases."""

    summary = models.TextField(_("概要"))
    municipalities = ParentalManyToManyField(
        Municipality, blank=True, related_name="case_studies", verbose_name=_("参加団体（県内）")
    )
    other_bodies = models.CharField(
        _("参加団体（県外・その他）"),
        max_length=300,
        blank=True,
        help_text=_("読点（、）で区切ってください。"),
    )
    arrangement = models.CharField(_("導入形態"), max_length=16, choices=Arrangement.choices)
    organisation = models.CharField(
        _("組織形態"), max_length=16, choices=Organisation.choices, blank=True, help_text=_("不明なら空欄。")
    )
    purpose = models.CharField(
        _("主な目的"), max_length=16, choices=Purpose.choices, blank=True, help_text=_("不明なら空欄。")
    )
    system = models.CharField(_("対象システム"), max_length=16, choices=System.choices)
    business_area_count = models.PositiveSmallIntegerField(_("業務数"), null=True, blank=True)
    vendor = models.CharField(_("事業者"), max_length=200, blank=True)
    package = models.CharField(_("パッケージ・サービス"), max_length=200, blank=True)
    procurement_method = models.CharField(_("調達方式"), max_length=200, blank=True)
    cost_reduction_percent = models.DecimalField(
        _("経費削減率（％）"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("比較と並べ替えに使います。出典にある値だけを入れてください。"),
    )
    characteristics = RichTextField(_("特徴"), blank=True, features=["bold", "ol", "ul", "link"])
    lessons = StreamField(
        [
            (
                "lesson",
                blocks.StructBlock(
                    [
                        ("heading", blocks.CharBlock(label=_("見出し"))),
                        ("body", blocks.TextBlock(label=_("本文"))),
                    ],
                    label=_("教訓"),
                    icon="pick",
                ),
            ),
            ("paragraph", blocks.RichTextBlock(label=_("段落"), features=["bold", "ol", "ul", "link"])),
        ],
        blank=True,
        verbose_name=_("教訓"),
    )
    success_factors = ParentalManyToManyField(
        SuccessFactor, blank=True, related_name="case_studies", verbose_name=_("成功要因")
    )
    typologies = ParentalManyToManyField(
        TypologyEntry, blank=True, related_name="case_studies", verbose_name=_("導入形態の類型")
    )
    contact_department = models.CharField(_("担当課"), max_length=200, blank=True)
    contact_detail = models.CharField(_("連絡先"), max_length=200, blank=True)
    contact_consent = models.BooleanField(
        _("担当課の掲載に同意済み"), default=False, help_text=_("同意がなければ担当課は表示されません。")
    )
    information_as_of = models.DateField(
        _("情報の時点"),
        null=True,
        blank=True,
        help_text=_("出典の資料が示す時点です。公開ページに表示されます。"),
    )
    information_as_of_precision = models.CharField(
        _("情報の時点の精度"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("出典が月や年までしか書いていなければ、その精度を選んでください。"),
    )
    information_as_of_basis = models.CharField(
        _("情報の時点の根拠"),
        max_length=200,
        blank=True,
        help_text=_("例：出典に時点の記載がないため、資料の作成時期。"),
    )
    last_confirmed = models.DateField(
        _("最終確認日"),
        null=True,
        blank=True,
        help_text=_("補佐官が内容を最後に確かめた日。12か月を過ぎると補佐官に確認を促します。"),
    )
    source_note = models.CharField(_("出典"), max_length=300, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("municipalities"), FieldPanel("other_bodies")], heading=_("参加団体")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("arrangement"), FieldPanel("organisation")]),
                FieldRowPanel([FieldPanel("purpose"), FieldPanel("system")]),
                FieldPanel("business_area_count"),
            ],
            heading=_("類型"),
        ),
        MultiFieldPanel(
            [FieldPanel("vendor"), FieldPanel("package"), FieldPanel("procurement_method")],
            heading=_("事業者と調達"),
        ),
        InlinePanel("milestones", heading=_("経過"), label=_("経過")),
        FieldPanel("cost_reduction_percent"),
        InlinePanel("results", heading=_("成果"), label=_("成果")),
        FieldPanel("characteristics"),
        FieldPanel("lessons"),
        FieldPanel("success_factors"),
        FieldPanel("typologies"),
        InlinePanel("documents", heading=_("資料"), label=_("資料")),
        MultiFieldPanel(
            [FieldPanel("contact_department"), FieldPanel("contact_detail"), FieldPanel("contact_consent")],
            heading=_("問い合わせ先"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("information_as_of"), FieldPanel("information_as_of_precision")]),
                FieldPanel("information_as_of_basis"),
            ],
            heading=_("情報の時点"),
        ),
        FieldRowPanel([FieldPanel("last_confirmed"), FieldPanel("source_note")]),
    ]
    parent_page_types = ["cases.CaseStudyIndexPage"]
    subpage_types = []
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("characteristics"),
        index.SearchField("lessons"),
        index.SearchField("vendor"),
        index.FilterField("arrangement"),
        index.FilterField("organisation"),
        index.FilterField("purpose"),
        index.FilterField("system"),
        index.FilterField("last_confirmed"),
    ]

    class Meta:
        verbose_name = _("成功事例")
        verbose_name_plural = _("成功事例")

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("このスラッグはポータルの画面に使われています。別のものにしてください。")}
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        session = getattr(request, "session", None)
        context["selected_ids"] = list(session.get(COMPARE_SESSION_KEY, [])) if session is not None else []
        context["milestones"] = sorted(self.milestones.all(), key=lambda m: m.date)
        context["can_review_stale"] = access.can(request.user, "case.review_stale")
        return context

    # --- derived values -------------------------------------------------------------------
    def milestone_dates(self) -> dict[str, datetime.date]:
        """The earliest date of each milestone kind."""
        found: dict[str, datetime.date] = {}
        for milestone in self.milestones.all():
            if milestone.kind not in found or milestone.date < found[milestone.kind]:
                found[milestone.kind] = milestone.date
        return found

    @property
    def first_go_live(self) -> datetime.date | None:
        return self.milestone_dates().get(Milestone.Kind.GO_LIVE)

    @property
    def study_to_procurement_months(self) -> int | None:
        dates = self.milestone_dates()
        return months_between(dates.get(Milestone.Kind.STUDY_START), dates.get(Milestone.Kind.PROCUREMENT))

    @property
    def procurement_to_go_live_months(self) -> int | None:
        dates = self.milestone_dates()
        return months_between(dates.get(Milestone.Kind.PROCUREMENT), dates.get(Milestone.Kind.GO_LIVE))

    @property
    def other_body_list(self) -> list[str]:
        return [name.strip() for name in self.other_bodies.replace(",", "、").split("、") if name.strip()]

    @property
    def member_count(self) -> int:
        return len(self.municipalities.all()) + len(self.other_body_list)

    @property
    def confirmed_is_stale(self) -> bool:
        if self.last_confirmed is None:
            return True
        return (timezone.localdate() - self.last_confirmed).days > STALE_AFTER_DAYS

    @property
    def contact_visible(self) -> bool:
        return self.contact_consent and bool(self.contact_department)


def months_between(start: datetime.date | None, end: datetime.date | None) -> int | None:
    if start is None or end is None:
        return None
    return (end.year - start.year) * 12 + (end.month - start.month)


class Milestone(Orderable):
    class Kind(models.TextChoices):
        STUDY_START = "study_start", _("検討開始")
        PROCUREMENT = "procurement", _("調達（事業者決定）")
        CONTRACT = "contract", _("契約締結")
        GO_LIVE = "go_live", _("稼働開始")
        OTHER = "other", _("その他")

    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("種類"), max_length=16, choices=Kind.choices)
    date = models.DateField(_("日付"))
    precision = models.CharField(
        _("日付の精度"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("出典が月や年までしか書いていなければ、その精度を選んでください。"),
    )
    label = models.CharField(_("内容"), max_length=200, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date"), FieldPanel("precision")]),
        FieldPanel("label"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("経過")


class CaseResult(Orderable):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="results")
    metric = models.CharField(_("指標"), max_length=100)
    before = models.CharField(_("導入前"), max_length=50, blank=True)
    after = models.CharField(_("導入後"), max_length=50, blank=True)
    unit = models.CharField(_("単位"), max_length=20, blank=True)
    note = models.CharField(_("備考"), max_length=300, blank=True)

    panels = [
        FieldPanel("metric"),
        FieldRowPanel([FieldPanel("before"), FieldPanel("after"), FieldPanel("unit")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("成果")


class CaseDocument(Orderable):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("資料")
    )
    caption = models.CharField(_("説明"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("資料")
