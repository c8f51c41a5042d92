"""The know-how exchange's data: posts (tips, questions, templates, case notes, FAQs), their revisions,
answers, comments, 「役に立った」 and 「うちも同じ」 marks.

Bodies are plain text as the author typed it, rendered escaped with line breaks (see templates): what is
edited, diffed, indexed and shown is the same text, and no markup ever reaches the page.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import ItemBase, TagBase

from portal.models import Municipality, SystemArea


class Kind(models.TextChoices):
    TIP = "tip", _("ティップス")
    QUESTION = "question", _("質問")
    TEMPLATE = "template", _("テンプレート・様式")
    CASE_NOTE = "case_note", _("事例メモ")
    # Made from a solved consultation by an advisor (a later slice); never chosen on the post form.
    FAQ = "faq", _("FAQ")


# What a member may choose when writing; FAQs come from the desk.
WRITABLE_KINDS = [(value, label) for value, label in Kind.choices if value != Kind.FAQ]


class TemplateKind(models.TextChoices):
    RFP = "rfp", _("RFP（提案依頼書）")
    SPECIFICATION = "specification", _("仕様書")
    SLA_CHECKLIST = "sla_checklist", _("SLA チェックリスト")
    AGREEMENT = "agreement", _("協定書")
    RULES = "rules", _("規約")


class PostState(models.TextChoices):
    DRAFT = "draft", _("下書き")
    PUBLISHED = "published", _("公開")
    # Hidden by readers' flags or by an advisor, pending review: visible to its author and advisors only.
    HIDDEN = "hidden", _("非公開（確認待ち）")


class Tag(TagBase):
    """Know-how's own tags (ガバメントクラウド, LGWAN, …), kept apart from Wagtail's image and page tags."""

    class Meta:
        verbose_name = _("タグ")
        verbose_name_plural = _("タグ")
        ordering = ["name"]


class TaggedPost(ItemBase):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_posts")
    content_object = models.ForeignKey("Post", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_object", "tag"], name="knowhow_tag_once")]


class Contribution(models.Model):
    """What posts, answers and comments share: who wrote it, for which municipality, and whether the
    municipality is shown (anonymous: only advisors, admins and the author see who wrote it)."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("投稿者")
    )
    # The author's municipality when writing (advisors have none): a later move does not rewrite history.
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("市町村"),
    )
    anonymous = models.BooleanField(_("匿名（市町村名を伏せる）"), default=False)
    created_at = models.DateTimeField(_("作成日時"), default=timezone.now)

    class Meta:
        abstract = True


class Post(Contribution):
    kind = models.CharField(_("種類"), max_length=16, choices=Kind.choices)
    template_kind = models.CharField(_("様式の種類"), max_length=16, choices=TemplateKind.choices, blank=True)
    title = models.CharField(_("タイトル"), max_length=200)
    body = models.TextField(_("本文"))
    tags = TaggableManager(_("タグ"), through=TaggedPost, blank=True)
    system_areas = models.ManyToManyField(
        SystemArea, blank=True, related_name="knowhow_posts", verbose_name=_("業務システム分野")
    )
    state = models.CharField(_("状態"), max_length=16, choices=PostState.choices, default=PostState.DRAFT)
    obsolete = models.BooleanField(_("廃止"), default=False)
    obsolete_note = models.CharField(_("廃止の理由"), max_length=200, blank=True)
    obsoleted_at = models.DateTimeField(_("廃止日時"), null=True, blank=True)
    last_checked_on = models.DateField(_("最終確認日"), null=True, blank=True)
    # A post is 「要確認」 once its last check is older than this (knowhow.freshness).
    review_months = models.PositiveSmallIntegerField(_("見直しの周期（か月）"), default=12)
    updated_at = models.DateTimeField(_("更新日時"), default=timezone.now)
    published_at = models.DateTimeField(_("公開日時"), null=True, blank=True)
    # Grows by one on every change to what the post shows (its text, state, answers, acceptance,
    # verification): the search index uses it as an external version, so it never goes back.
    version = models.PositiveIntegerField(_("版"), default=1)
    accepted_answer = models.ForeignKey(
        "Answer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("解決した回答"),
    )
    # When the question was solved (the weekly digest lists questions solved that week).
    accepted_at = models.DateTimeField(_("解決日時"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(_("CIO補佐官確認日時"), null=True, blank=True)
    # A token the post form carries: submitting the same form twice finds the post the first made.
    client_token = models.UUIDField(null=True, blank=True, editable=False)
    # 「自団体版を作る」: the template this municipality's version was made from.
    derived_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="derived",
        verbose_name=_("元の様式"),
    )
    # 「この団体に聞く」: the municipalities a question is addressed to, and what it was asked from (another
    # app's object, as portal.material lent it: its source, its key, and its title and page when asked).
    addressed_to = models.ManyToManyField(
        Municipality, blank=True, related_name="knowhow_questions_addressed", verbose_name=_("宛先")
    )
    asked_from_source = models.CharField(max_length=32, blank=True, editable=False)
    asked_from_pk = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    asked_from_title = models.CharField(_("質問のきっかけ"), max_length=255, blank=True, editable=False)
    asked_from_url = models.CharField(max_length=500, blank=True, editable=False)

    class Meta:
        verbose_name = _("ノウハウ投稿")
        verbose_name_plural = _("ノウハウ投稿")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "client_token"], name="knowhow_post_one_per_form_submission"
            ),
            models.CheckConstraint(
                name="knowhow_only_questions_accept_answers",
                condition=Q(accepted_answer__isnull=True) | Q(kind=Kind.QUESTION),
            ),
            models.CheckConstraint(
                name="knowhow_template_kind_only_on_templates",
                condition=Q(template_kind="") | Q(kind=Kind.TEMPLATE),
            ),
            models.CheckConstraint(
                name="knowhow_published_has_a_date",
                condition=~Q(state=PostState.PUBLISHED) | Q(published_at__isnull=False),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_published(self) -> bool:
        return self.state == PostState.PUBLISHED

    @property
    def is_hidden(self) -> bool:
        return self.state == PostState.HIDDEN

    @property
    def is_draft(self) -> bool:
        return self.state == PostState.DRAFT

    @property
    def is_question(self) -> bool:
        return self.kind == Kind.QUESTION

    @property
    def is_template(self) -> bool:
        return self.kind == Kind.TEMPLATE

    @property
    def is_solved(self) -> bool:
        return self.accepted_answer_id is not None


class PostRevision(models.Model):
    """What a post said before an edit: the diff view compares each with the text that replaced it."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(_("版"))
    title = models.CharField(_("タイトル"), max_length=200)
    body = models.TextField(_("本文"))
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("編集した人")
    )
    edited_at = models.DateTimeField(_("編集日時"), default=timezone.now)

    class Meta:
        verbose_name = _("投稿の変更履歴")
        verbose_name_plural = _("投稿の変更履歴")
        ordering = ["edited_at", "pk"]

    def __str__(self):
        return f"{self.post_id} v{self.version}"


class Answer(Contribution):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="answers")
    body = models.TextField(_("回答"))
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(_("CIO補佐官確認日時"), null=True, blank=True)
    client_token = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("回答")
        verbose_name_plural = _("回答")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "client_token"], name="knowhow_answer_one_per_form_submission"
            ),
        ]

    def __str__(self):
        return f"{self.post_id}/{self.pk}"


class Comment(Contribution):
    """A short remark on a post or on one of its answers (exactly one of the two)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, null=True, blank=True, related_name="comments")
    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    body = models.TextField(_("コメント"))

    class Meta:
        verbose_name = _("コメント")
        verbose_name_plural = _("コメント")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                name="knowhow_comment_on_post_or_answer",
                condition=Q(post__isnull=False, answer__isnull=True)
                | Q(post__isnull=True, answer__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.post_id or ''}/{self.answer_id or ''}/{self.pk}"


class Helpful(models.Model):
    """「役に立った」: one per person per post or answer."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, null=True, blank=True, related_name="helpful")
    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, null=True, blank=True, related_name="helpful"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("役に立った")
        verbose_name_plural = _("役に立った")
        constraints = [
            models.CheckConstraint(
                name="knowhow_helpful_on_post_or_answer",
                condition=Q(post__isnull=False, answer__isnull=True)
                | Q(post__isnull=True, answer__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["user", "post"], condition=Q(post__isnull=False), name="knowhow_helpful_post_once"
            ),
            models.UniqueConstraint(
                fields=["user", "answer"],
                condition=Q(answer__isnull=False),
                name="knowhow_helpful_answer_once",
            ),
        ]

    def __str__(self):
        return f"{self.user_id} → {self.post_id or ''}/{self.answer_id or ''}"


class SameProblem(models.Model):
    """「うちも同じ」: a municipality (not a person) says it has the same problem as a question."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="same_problems")
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("うちも同じ")
        verbose_name_plural = _("うちも同じ")
        constraints = [
            models.UniqueConstraint(fields=["post", "municipality"], name="knowhow_same_problem_once"),
        ]

    def __str__(self):
        return f"{self.municipality_id} → {self.post_id}"
