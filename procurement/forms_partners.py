"""The inventory's, the partner finder's and the invitations' forms (Japanese messages, kept input)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.models import Municipality, SystemArea
from procurement.models import SystemInUse
from procurement.services_inventory import FIELDS

CONTRACT_ORDER_MESSAGE = _("契約終了日は契約開始日より後の日付にしてください。")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class SystemInUseForm(forms.ModelForm):
    class Meta:
        model = SystemInUse
        fields = FIELDS
        widgets = {
            "contract_start": DateInput(),
            "contract_end": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "name": _("例：住民情報システム"),
            "vendor": _("例：NEC、富士通Japan、TKC、日立システムズ、RKKCS"),
            "package": _("製品名が分かれば入れてください。"),
            "contract_end": _("パートナー探しで、更新時期が近い団体を探すのに使います。"),
            "annual_cost": _(
                "円単位の整数で入れてください（例：12000000）。分からなければ空欄にしてください。"
            ),
        }
        error_messages = {
            "area": {"required": _("業務を選んでください。")},
            "name": {"required": _("システム名を入力してください。")},
            "vendor": {"required": _("事業者を入力してください。")},
            "contract_start": {
                "required": _("契約開始日を入力してください。"),
                "invalid": _("契約開始日は 2024-04-01 のように年-月-日で入れてください。"),
            },
            "contract_end": {
                "required": _("契約終了日を入力してください。"),
                "invalid": _("契約終了日は 2029-03-31 のように年-月-日で入れてください。"),
            },
            "annual_cost": {
                "min_value": _("年間経費は0円以上で入れてください。"),
                "invalid": _("年間経費は円単位の整数で入れてください。"),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = SystemArea.objects.filter(active=True)
        self.fields["area"].empty_label = _("業務を選んでください")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("contract_start"), cleaned.get("contract_end")
        if start and end and end <= start:
            self.add_error("contract_end", CONTRACT_ORDER_MESSAGE)
        return cleaned


class MunicipalityChoiceForm(forms.Form):
    """Which municipality's page to show, among those the user may choose (a GET form)."""

    municipality = forms.ModelChoiceField(
        label=_("団体"),
        queryset=Municipality.objects.none(),
        to_field_name="code",
        empty_label=_("団体を選んでください"),
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities


class InvitationForm(forms.Form):
    message = forms.CharField(
        label=_("呼びかけの文面"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("相手の団体の職員が読みます。候補とした理由は、この文面とは別に添えて送ります。"),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("回答"),
        choices=[("accept", _("参加する")), ("decline", _("辞退する"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("参加するか辞退するかを選んでください。")},
    )
    note = forms.CharField(
        label=_("ひとこと"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("呼びかけた団体と事務局に伝わります。"),
    )
