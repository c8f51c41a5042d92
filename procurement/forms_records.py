"""The records' forms: they parse and say what is wrong next to the field; the services apply the same
rules (procurement.services_records) and have the last word."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal import uploads
from portal.forms import TitleField
from procurement.models import DocumentKind, QuestionRound
from procurement.services_records import DOCUMENT_TITLE, VENDOR, VERSION_NOTE

ROUND_ALL = [("", _("すべて"))]


class QuestionFilterForm(forms.Form):
    round = forms.ChoiceField(label=_("区分"), choices=ROUND_ALL + QuestionRound.choices, required=False)


class QuestionForm(forms.Form):
    round = forms.ChoiceField(label=_("区分"), choices=QuestionRound.choices, widget=forms.RadioSelect)
    vendor = TitleField(
        label=_("質問した事業者"), rule=VENDOR, help_text=_("質問書に書かれた事業者名のとおりに入力します。")
    )
    question = forms.CharField(
        label=_("質問"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("質問の内容を入力してください。")},
    )
    answer = forms.CharField(
        label=_("回答"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("回答を書いた質問だけを公開できます。公開するまでは事務局の下書きです。"),
    )


class PublishForm(forms.Form):
    questions = forms.TypedMultipleChoiceField(
        label=_("公開する質問回答"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("公開する質問回答を選んでください。")},
    )

    def __init__(self, *args, drafts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questions"].choices = [(row.pk, f"No.{row.number}") for row in drafts]


class OneFileField(forms.FileField):
    """One file, checked by content (portal.uploads); returns the CheckedUpload a service takes."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("ファイル"))
        kwargs.setdefault(
            "help_text",
            _("PDF、Word、Excel、PowerPoint、CSV、テキスト、PNG、JPEG、ZIP（マクロ付きは不可）。20MBまで。"),
        )
        kwargs.setdefault("error_messages", {"required": _("ファイルを選んでください。")})
        super().__init__(**kwargs)

    def clean(self, data, initial=None) -> uploads.CheckedUpload:
        super().clean(data, initial)
        return uploads.check_uploads([data])[0]


class VersionForm(forms.Form):
    file = OneFileField()
    note = forms.CharField(
        label=_("変更点"),
        required=False,
        max_length=VERSION_NOTE.max_length,
        help_text=_("前の版から何が変わったか（例：第2回検討会の意見を反映し、SLAの項目を追加）。"),
    )


class DocumentForm(VersionForm):
    kind = forms.ChoiceField(label=_("種類"), choices=[("", _("選んでください")), *DocumentKind.choices])
    title = TitleField(label=_("題名"), rule=DOCUMENT_TITLE)
    field_order = ["kind", "title", "file", "note"]


class AgreementForm(forms.Form):
    text = forms.CharField(
        label=_("合意した内容"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("合意した内容を入力してください。")},
    )
    decided_on = forms.DateField(
        label=_("合意日"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("合意日を入力してください。"),
            "invalid": _("合意日を正しく入力してください。"),
        },
    )
    meeting = forms.CharField(
        label=_("会議"), required=False, max_length=100, help_text=_("例：第3回検討会、首長会議")
    )
    agreed_by = forms.ModelMultipleChoiceField(
        label=_("合意した参加団体"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("その会議に出席し、合意した団体を選びます。"),
        error_messages={"required": _("合意した参加団体を1つ以上選んでください。")},
    )
    supersedes = forms.ModelChoiceField(
        label=_("訂正する合意事項"),
        queryset=None,
        required=False,
        empty_label=_("なし（新しい合意）"),
        help_text=_("以前の記録を訂正するときに選びます。元の記録は「訂正済み」として残ります。"),
    )

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreed_by"].queryset = workspace.members.select_related("municipality")
        self.fields["agreed_by"].label_from_instance = lambda member: member.municipality.name
        self.fields["supersedes"].queryset = workspace.agreements.filter(superseded_by__isnull=True)
        self.fields["supersedes"].label_from_instance = lambda agreement: (
            f"No.{agreement.number} {agreement.text[:40]}"
        )
