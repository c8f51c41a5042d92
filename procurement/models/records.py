"""What a group keeps on record: the vendors' questions and the secretariat's answers (RFI/RFP 質問回答),
its documents with every version, and the decision log (合意事項).

Nothing here is edited out of history: a document's earlier versions stay downloadable, and a wrong
agreement is corrected by a new entry that supersedes it, the old one still listed as superseded."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from procurement.models.workspace import Member, Workspace


class QuestionRound(models.TextChoices):
    RFI = "rfi", _("RFI")
    RFP = "rfp", _("RFP")


class VendorQuestion(models.Model):
    """A vendor's question in an RFI or RFP round and the group's answer. The vendor is named as it
    asked (free text: vendors have no accounts). Until published it is the secretariat's draft; once
    published, every member reads it and it goes out in the list sent to the vendors."""

    Round = QuestionRound

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="vendor_questions", verbose_name=_("検討会")
    )
    # Numbered within the workspace (No.1, No.2 …), as the list sent to the vendors numbers them.
    number = models.PositiveIntegerField(_("番号"))
    round = models.CharField(_("区分"), max_length=8, choices=QuestionRound.choices)
    vendor = models.CharField(_("質問した事業者"), max_length=100)
    question = models.TextField(_("質問"))
    answer = models.TextField(_("回答"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("回答者"),
    )
    answered_at = models.DateTimeField(_("回答日時"), null=True, blank=True)
    published_at = models.DateTimeField(_("公開日時"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("登録者")
    )
    created_at = models.DateTimeField(_("登録日時"), default=timezone.now)

    class Meta:
        verbose_name = _("質問回答")
        verbose_name_plural = _("質問回答")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "number"], name="procurement_question_number_once"),
        ]

    def __str__(self):
        return f"No.{self.number} {self.vendor}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class DocumentKind(models.TextChoices):
    RFI = "rfi", _("RFI")
    RFP = "rfp", _("RFP")
    SPECIFICATION = "specification", _("仕様書")
    MINUTES = "minutes", _("議事録")
    COMPACT = "compact", _("協定書")
    OTHER = "other", _("その他")


class Document(models.Model):
    """One of the group's documents; its file is in its versions (1, 2, …), the latest first."""

    Kind = DocumentKind

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="documents", verbose_name=_("検討会")
    )
    kind = models.CharField(_("種類"), max_length=16, choices=DocumentKind.choices)
    title = models.CharField(_("題名"), max_length=120)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("登録者")
    )
    created_at = models.DateTimeField(_("登録日時"), default=timezone.now)

    class Meta:
        verbose_name = _("資料")
        verbose_name_plural = _("資料")
        ordering = ["kind", "title", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "title"], name="procurement_document_title_once"),
        ]

    def __str__(self):
        return self.title


class DocumentVersion(models.Model):
    """A checked upload (portal.uploads) stored privately under a random name, served only through the
    download view that checks access; `sha256` tells a resubmitted file from a new version."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="versions", verbose_name=_("資料")
    )
    number = models.PositiveIntegerField(_("版"))
    name = models.CharField(_("ファイル名"), max_length=120)
    stored_name = models.CharField(max_length=100, editable=False)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("サイズ"))
    sha256 = models.CharField(max_length=64, editable=False)
    note = models.CharField(_("変更点"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("登録者")
    )
    uploaded_at = models.DateTimeField(_("登録日時"), default=timezone.now)

    class Meta:
        verbose_name = _("資料の版")
        verbose_name_plural = _("資料の版")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="procurement_document_version_once"),
        ]

    def __str__(self):
        return f"{self.document} 第{self.number}版"


class Agreement(models.Model):
    """One entry of the decision log (合意事項): what was agreed, when, at which meeting, and which
    member municipalities agreed. A correction is a new entry that supersedes this one."""

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="agreements", verbose_name=_("検討会")
    )
    number = models.PositiveIntegerField(_("番号"))
    text = models.TextField(_("合意した内容"))
    decided_on = models.DateField(_("合意日"))
    meeting = models.CharField(_("会議"), max_length=100, blank=True)
    agreed_by = models.ManyToManyField(Member, related_name="agreements", verbose_name=_("合意した団体"))
    # Each entry is corrected at most once: the correction is then the entry to correct.
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("訂正する合意事項"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("記録者")
    )
    recorded_at = models.DateTimeField(_("記録日時"), default=timezone.now)

    class Meta:
        verbose_name = _("合意事項")
        verbose_name_plural = _("合意事項")
        ordering = ["-decided_on", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "number"], name="procurement_agreement_number_once"),
        ]

    def __str__(self):
        return f"No.{self.number} {self.text[:30]}"
