"""Input parsing for the know-how exchange: Japanese messages first, and the form keeps what was typed."""

import re
import unicodedata
import uuid

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from knowhow.models import WRITABLE_KINDS, FlagReason, Kind, SourceKind, TemplateKind
from knowhow.models.moderation import NOTE_MAX, REASON_MAX
from knowhow.moderation import DECISIONS
from knowhow.services import POST_TITLE, TAG_MAX, TAGS_MAX
from portal.forms import AttachmentsField, TitleField
from portal.models import SystemArea
from portal.personal_data import MyNumberGuardMixin
from portal.validators import validate_one_line


class GuardedTextForm(MyNumberGuardMixin, forms.Form):
    """Every know-how form with free text. `guarded_fields` names the fields the マイナンバー guard
    checks: the kernel's guard refuses a likely 個人番号 until the confirmation box below is ticked; the
    templates show the box once the guard has set `my_number_warning`."""

    guarded_fields: tuple[str, ...] = ()

    not_a_personal_number = forms.BooleanField(
        label=_("入力した12桁の数字はマイナンバー（個人番号）ではありません"), required=False
    )


TAG_SEPARATORS = re.compile(r"[,、\s]+")


class TagsField(forms.CharField):
    """Tags typed on one line, separated by commas, 、 or spaces (full-width ones too)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("タグ"))
        kwargs.setdefault(
            "help_text",
            _("「ガバメントクラウド、LGWAN」のように、読点・カンマ・空白で区切って10個まで入力できます。"),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "、".join(value)
        return value

    def to_python(self, value):
        text = unicodedata.normalize("NFKC", super().to_python(value))
        return list(dict.fromkeys(name for name in TAG_SEPARATORS.split(text) if name))

    def validate(self, value):
        super().validate(value)
        if len(value) > TAGS_MAX:
            raise forms.ValidationError(_("タグは10個までにしてください。"), code="too_many_tags")
        if any(len(name) > TAG_MAX for name in value):
            raise forms.ValidationError(_("タグは1つ50文字以内で入力してください。"), code="tag_too_long")


class PostForm(GuardedTextForm):
    guarded_fields = ("title", "body", "version_note")

    kind = forms.ChoiceField(label=_("種類"), choices=WRITABLE_KINDS, widget=forms.RadioSelect)
    template_kind = forms.ChoiceField(
        label=_("様式の種類"),
        choices=[("", _("選ばない")), *TemplateKind.choices],
        required=False,
        help_text=_("種類が「テンプレート・様式」のときに選びます。"),
    )
    title = TitleField(
        rule=POST_TITLE,
        label=_("タイトル"),
        help_text=_("1行、200文字以内。質問は、何に困っているかが分かるように書いてください。"),
    )
    body = forms.CharField(
        label=_("本文"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "入力したとおりに表示されます（改行はそのまま、URLはリンクになります）。"
            "個人情報やマイナンバーは書かないでください。"
            "「@」に続けてメールアドレスを書くと（例：@kawai.staff@example.jp）、その人に通知されます。"
        ),
    )
    tags = TagsField()
    system_areas = forms.ModelMultipleChoiceField(
        label=_("業務システム分野"),
        queryset=SystemArea.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    review_months = forms.IntegerField(
        label=_("見直しの周期（か月）"),
        min_value=1,
        max_value=60,
        initial=12,
        required=False,
        help_text=_("最終確認日からこの期間が過ぎると、CIO補佐官の「要確認」一覧に載ります。1〜60か月。"),
        error_messages={
            "invalid": _("見直しの周期を1〜60か月で入力してください。"),
            "min_value": _("見直しの周期を1〜60か月で入力してください。"),
            "max_value": _("見直しの周期を1〜60か月で入力してください。"),
        },
    )
    attachments = AttachmentsField()
    version_note = forms.CharField(
        label=_("版の説明"),
        max_length=200,
        required=False,
        validators=[validate_one_line],
        help_text=_(
            "様式のファイルを添付するときに、この版で何が変わったかを書きます。例：令和8年度版（SLA項目を追加）"
        ),
        error_messages={"max_length": _("版の説明は200文字以内で入力してください。")},
    )
    anonymous = forms.BooleanField(
        label=_("匿名（市町村名を伏せる）で投稿する"),
        required=False,
        help_text=_("ほかの市町村には名前と市町村名が表示されません。CIO補佐官には表示されます。"),
    )
    client_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("client_token", uuid.uuid4())
        super().__init__(*args, **kwargs)

    def clean_review_months(self):
        # Left empty: the usual yearly review.
        return self.cleaned_data["review_months"] or 12

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") != Kind.TEMPLATE:
            cleaned["template_kind"] = ""
        return cleaned


class EditPostForm(PostForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, post, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["client_token"]
        if post.kind == Kind.FAQ:
            # An FAQ stays an FAQ (it was made from a consultation).
            del self.fields["kind"]


class AnswerForm(GuardedTextForm):
    guarded_fields = ("body",)

    body = forms.CharField(
        label=_("回答"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "自団体での経験や参考になる資料を書いてください。個人情報は書かないでください。"
            "「@」に続けてメールアドレスを書くと、その人に通知されます。"
        ),
    )
    attachments = AttachmentsField()
    anonymous = forms.BooleanField(label=_("匿名（市町村名を伏せる）で回答する"), required=False)
    client_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("client_token", uuid.uuid4())
        super().__init__(*args, **kwargs)


class CommentForm(GuardedTextForm):
    guarded_fields = ("body",)

    body = forms.CharField(
        label=_("コメント"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("「@」に続けてメールアドレスを書くと、その人に通知されます。"),
    )
    anonymous = forms.BooleanField(label=_("匿名（市町村名を伏せる）でコメントする"), required=False)


class ObsoleteForm(forms.Form):
    note = forms.CharField(
        label=_("廃止の理由"),
        max_length=200,
        required=False,
        validators=[validate_one_line],
        help_text=_("例：令和7年の通知で制度が変わったため。投稿は削除されず、廃止の表示が付きます。"),
    )


class FlagForm(GuardedTextForm):
    guarded_fields = ("note",)

    reason = forms.ChoiceField(label=_("通報の理由"), choices=FlagReason.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("補足（任意）"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("CIO補佐官にだけ表示されます。500文字以内。"),
    )


class ModerationForm(GuardedTextForm):
    guarded_fields = ("reason",)

    decision = forms.ChoiceField(
        label=_("確認の結果"),
        choices=[(kind.value, kind.label) for kind in DECISIONS],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("理由"),
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "「非公開のままにする」と「廃止」では必須です。投稿者に伝わり、記録に残ります。"
            "廃止の理由は廃止の表示にも載ります（1行・200文字以内）。"
        ),
    )


class SourceForm(GuardedTextForm):
    """A law, notice or guideline the post rests on."""

    guarded_fields = ("title", "number")

    kind = forms.ChoiceField(label=_("種別"), choices=SourceKind.choices, widget=forms.RadioSelect)
    title = forms.CharField(
        label=_("名称"),
        max_length=200,
        validators=[validate_one_line],
        help_text=_("例：地方公共団体情報システム標準化基本方針"),
        error_messages={
            "required": _("名称を入力してください。"),
            "max_length": _("名称は200文字以内で入力してください。"),
        },
    )
    number = forms.CharField(
        label=_("番号"),
        max_length=100,
        required=False,
        validators=[validate_one_line],
        help_text=_("例：総行デ第12号（あれば）"),
        error_messages={"max_length": _("番号は100文字以内で入力してください。")},
    )
    issued_on = forms.DateField(
        label=_("日付"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("日付は 2026-04-01 のように入力してください。")},
    )
    url = forms.URLField(
        label=_("URL"),
        max_length=500,
        required=False,
        assume_scheme="https",
        validators=[
            URLValidator(
                schemes=["http", "https"],
                message=_("URLは http:// または https:// で始まるものを入力してください。"),
            )
        ],
        error_messages={"invalid": _("URLは http:// または https:// で始まるものを入力してください。")},
    )


class FaqForm(GuardedTextForm):
    """The FAQ draft made from a consultation: prefilled masked, edited by the advisor."""

    guarded_fields = ("title", "body")

    title = TitleField(
        rule=POST_TITLE,
        label=_("タイトル"),
        help_text=_("1行、200文字以内。何についてのFAQかが分かるように書いてください。"),
    )
    body = forms.CharField(
        label=_("本文"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "相談のやりとりから、市町村名・氏名・事業者名・金額・電話番号・メールアドレスを伏せた案です。"
            "伏せ残しがないか確かめ、読んで分かる文章に直してください。"
        ),
    )
    tags = TagsField()
    system_areas = forms.ModelMultipleChoiceField(
        label=_("業務システム分野"),
        queryset=SystemArea.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class ConsentReasonForm(GuardedTextForm):
    """Why the owning municipality does not consent, or withdraws its consent (the advisor is told)."""

    guarded_fields = ("reason",)

    reason = forms.CharField(
        label=_("理由"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("CIO補佐官に伝わり、記録に残ります。500文字以内。"),
        error_messages={
            "required": _("理由を入力してください。CIO補佐官に伝えます。"),
            "max_length": _("理由は500文字以内で入力してください。"),
        },
    )


class AskForm(PostForm):
    """「この団体に聞く」: a question (its kind is fixed) to the municipalities of a case study."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("kind", "template_kind", "version_note", "review_months"):
            del self.fields[name]


class InvitationForm(forms.Form):
    """The confirmation of 「共同相談を呼びかける」: which kind of joint work, if more than one is offered."""

    starter = forms.ChoiceField(label=_("呼びかける取組"), widget=forms.RadioSelect)
    client_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, starters, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("client_token", uuid.uuid4())
        if starters:
            kwargs["initial"].setdefault("starter", starters[0].name)
        super().__init__(*args, **kwargs)
        self.fields["starter"].choices = [(starter.name, starter.invite_label) for starter in starters]
        self.fields["starter"].error_messages["required"] = _("呼びかける取組を選んでください。")
