"""The fit-gap and common-forms pages' inputs: a file of functions, one typed function, a form's name."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal import uploads
from procurement.fitgap_files import MAX_IMPORT_BYTES, MAX_NAME_LENGTH
from procurement.services_common_forms import MAX_FORM_NAME_LENGTH

IMPORT_EXTENSIONS = ("csv", "xlsx")


class FunctionImportForm(forms.Form):
    file = forms.FileField(
        label=_("機能一覧のファイル"),
        error_messages={"required": _("読み込むファイルを選んでください。")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "CSV（UTF-8 または Excel で保存した Shift_JIS）か Excel（.xlsx）。1行目に列名「業務分野」「機能」"
            "「説明」（説明は省略可、順不同、英語の Area・Function・Description も可）。%(max)s MB まで。"
        ) % {"max": f"{MAX_IMPORT_BYTES / 1024 / 1024:g}"}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = uploads.safe_name(upload.name)
        # The size is told before anything is read, so a large file is refused at once.
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(
                _("%(name)s: ファイルが大きすぎます（%(max)s MB まで）。行を分けて読み込んでください。")
                % {"name": name, "max": f"{MAX_IMPORT_BYTES / 1024 / 1024:g}"}
            )
        if name.rpartition(".")[2].lower() not in IMPORT_EXTENSIONS:
            raise ValidationError(
                _("%(name)s: 読み込めるのは CSV（.csv）か Excel（.xlsx）のファイルです。") % {"name": name}
            )
        return uploads.check_upload(upload)


class FunctionAddForm(forms.Form):
    area = forms.ModelChoiceField(
        label=_("業務分野"), queryset=None, error_messages={"required": _("業務分野を選んでください。")}
    )
    name = forms.CharField(
        label=_("機能"),
        max_length=MAX_NAME_LENGTH,
        help_text=_("例：住民票の写しの交付"),
        error_messages={"required": _("機能を入力してください。")},
    )
    description = forms.CharField(label=_("説明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = workspace.areas.all()


class CommonFormNameForm(forms.Form):
    name = forms.CharField(
        label=_("帳票名"),
        max_length=MAX_FORM_NAME_LENGTH,
        help_text=_("例：住民票の写し、納税通知書"),
        error_messages={"required": _("帳票名を入力してください。")},
    )
