"""Success case studies (Wagtail pages), their taxonomy snippets, the adoption status and saved
readiness self-assessments (cases/search.py turns case studies into search documents).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import GroupApprovalTask, Orderable, Page
from wagtail.search import index

from portal.localize import localized
from portal.models import Municipality

STALE_AFTER_DAYS = 365
# Paths under /cases/ served by cases/urls.py: a case page with one of these slugs would be unreachable.
RESERVED_SLUGS = frozenset({"adoption", "compare", "readiness", "stale", "typology", "like-mine"})


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
        from portal import access

        context = super().get_context(request, *args, **kwargs)
        session = getattr(request, "session", None)
        context["selected_ids"] = list(session.get("cases_compare", [])) if session is not None else []
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

    Precision = DatePrecision

    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("種類"), max_length=16, choices=Kind.choices)
    date = models.DateField(_("日付"))
    precision = models.CharField(
        _("日付の精度"),
        max_length=8,
        choices=Precision.choices,
        default=Precision.DAY,
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


class AdoptionGroup(ClusterableModel):
    """One row of the seed's adoption status table: a joint-use or cloud arrangement and its members."""

    name = models.CharField(_("名称"), max_length=200)
    arrangement = models.CharField(_("導入形態"), max_length=16, choices=Arrangement.choices)
    system = models.CharField(_("対象システム"), max_length=16, choices=System.choices)
    organisation = models.CharField(_("組織形態"), max_length=16, choices=Organisation.choices, blank=True)
    business_area_count = models.PositiveSmallIntegerField(_("業務数"), null=True, blank=True)
    members = models.ManyToManyField(Municipality, related_name="adoption_groups", verbose_name=_("参加団体"))
    start = models.DateField(_("稼働開始（月）"), help_text=_("月の初日を入れてください。"))
    start_as_written = models.CharField(_("稼働開始（出典の表記）"), max_length=50, blank=True)
    go_live_detail = models.CharField(_("稼働の内訳"), max_length=200, blank=True)
    vendor = models.CharField(_("事業者"), max_length=200, blank=True)
    case_study = models.ForeignKey(
        CaseStudyPage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adoption_groups",
        verbose_name=_("成功事例"),
    )
    sort_order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("arrangement"), FieldPanel("system"), FieldPanel("organisation")]),
        FieldPanel("business_area_count"),
        FieldPanel("members"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("start_as_written")]),
        FieldPanel("go_live_detail"),
        FieldPanel("vendor"),
        FieldPanel("case_study"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("推進状況（取組）")
        verbose_name_plural = _("推進状況（取組）")
        ordering = ["sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["name"], name="adoption_group_unique_name")]

    def __str__(self):
        return self.name

    @property
    def is_cloud(self) -> bool:
        return self.arrangement in {Arrangement.JOINT_CLOUD, Arrangement.SINGLE_CLOUD, Arrangement.GOV_CLOUD}


class StatedTotal(models.Model):
    """A total as the source states it, kept beside what the data counts (they may disagree)."""

    class Scope(models.TextChoices):
        CLOUD = "cloud", _("クラウド利用（基幹システム）")
        CORE_JOINT_USE = "core_joint_use", _("共同利用・非クラウド（基幹システム）")
        KOSEKI_JOINT_USE = "koseki_joint_use", _("共同利用・非クラウド（戸籍システム）")

    scope = models.CharField(_("範囲"), max_length=32, choices=Scope.choices, unique=True)
    label_as_written = models.CharField(_("出典の表記"), max_length=100)
    value = models.PositiveIntegerField(_("出典の団体数"))
    source = models.CharField(_("出典"), max_length=300, blank=True)

    panels = [FieldPanel("scope"), FieldPanel("label_as_written"), FieldPanel("value"), FieldPanel("source")]

    class Meta:
        verbose_name = _("出典の合計")
        verbose_name_plural = _("出典の合計")
        ordering = ["scope"]

    def __str__(self):
        return f"{self.label_as_written}: {self.value}"


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


class CaseReviewTask(GroupApprovalTask):
    """The 決裁's review step: the editor group approves, but never the person who submitted.

    The approve actions are withheld from the submitter in every menu (get_actions) and refused
    again when posted (on_action); portal.access decides through `case.approve`.
    """

    def get_actions(self, obj, user):
        from portal import access

        actions = super().get_actions(obj, user)
        if access.can(user, "case.approve", getattr(obj, "current_workflow_state", None)):
            return actions
        return [action for action in actions if action[0] != "approve"]

    def on_action(self, task_state, user, action_name, **kwargs):
        from portal import access

        if action_name == "approve":
            access.require(user, "case.approve", task_state.workflow_state)
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("編集者グループが承認します。ただし、確認に回した本人は承認できません。")

    class Meta:
        verbose_name = _("事例の確認（本人以外が承認）")
        verbose_name_plural = _("事例の確認（本人以外が承認）")


class SeedRecord(models.Model):
    """One row per seed item load_cases has put in once (e.g. ``case:tandoku-cloud``).

    The command looks here, not at slugs or names, so that a record an advisor deleted or renamed
    since is neither re-created nor duplicated on the next `make run`.
    """

    key = models.CharField(_("シードの識別子"), max_length=200, unique=True)
    object_pk = models.CharField(_("作成したレコード"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("シードの投入記録")
        verbose_name_plural = _("シードの投入記録")

    def __str__(self):
        return self.key
