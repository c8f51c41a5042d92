"""Input for the cost model, the cost-sharing calculator and the case-study draft."""

import re
import unicodedata
from dataclasses import replace

from django import forms
from django.utils.translation import gettext_lazy as _

from procurement.cost_sharing import CostSharingError, Party, Rule, split

# A trillion yen and more is no municipality's annual cost: a figure that long is a typing slip.
MAX_YEN = 10**13 - 1


class YenField(forms.IntegerField):
    """Whole yen, as people type them: 182,000,000 or １８２００００００円 are read alike."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    default_error_messages = {"invalid": _("円単位の整数で入力してください（例：182,000,000）。")}

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_YEN)
        super().__init__(**kwargs)
        self.error_messages["min_value"] = _("0円以上で入力してください。")
        self.error_messages["max_value"] = _("桁が多すぎます。円単位で入力してください。")

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[,\s円]", "", unicodedata.normalize("NFKC", value))
        return super().to_python(value)


class MemberCostForm(forms.Form):
    current_annual_yen = YenField(label=_("現在の年間経費（円）"), required=False)
    proposed_annual_yen = YenField(
        label=_("提案の年間経費（円）"),
        required=False,
        help_text=_("事業者の提案による、この団体の年間経費です。提案がまだなら空欄にしてください。"),
    )
    standalone_annual_yen = YenField(
        label=_("単独で調達した場合の見積（年額・円）"),
        required=False,
        help_text=_("費用負担の比較に使います。空欄なら現在の年間経費と比べます。"),
    )
    basis = forms.CharField(
        label=_("根拠"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("例：令和7年度決算額（保守・帳票出力BPOを含む）。"),
    )


PERCENT_ERRORS = {
    "required": _("0から100の整数で入力してください。"),
    "invalid": _("0から100の整数で入力してください。"),
    "min_value": _("0から100の整数で入力してください。"),
    "max_value": _("0から100の整数で入力してください。"),
}


def _percent(label):
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=100,
        error_messages=PERCENT_ERRORS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class CostSharingForm(forms.Form):
    """The calculator's input: a total, the mix, and a usage figure per member (needed when 利用量割 > 0).
    A valid form carries the shares in `shares`."""

    total_yen = YenField(
        label=_("按分する総額（年額・円）"),
        help_text=_("例：共同契約の年間経費。初めは提案の年間経費の合計が入っています。"),
    )
    equal_percent = _percent(_("均等割（％）"))
    population_percent = _percent(_("人口割（％）"))
    usage_percent = _percent(_("利用量割（％）"))
    usage_label = forms.CharField(
        label=_("利用量の指標"),
        required=False,
        max_length=50,
        help_text=_("例：住民記録件数、端末台数。利用量割を使うときに、団体ごとの値とともに入力します。"),
    )

    def __init__(self, *args, parties: list[Party], **kwargs):
        super().__init__(*args, **kwargs)
        self.parties = parties
        self.shares = []
        for party in parties:
            self.fields[self.usage_field(party)] = forms.IntegerField(
                label=_("%(name)sの利用量") % {"name": party.name},
                required=False,
                min_value=0,
                max_value=MAX_YEN,
                error_messages={
                    "invalid": _("0以上の整数で入力してください。"),
                    "min_value": _("0以上の整数で入力してください。"),
                },
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

    @staticmethod
    def usage_field(party: Party) -> str:
        return f"usage_{party.key}"

    def usage_fields(self):
        return [self[self.usage_field(party)] for party in self.parties]

    def rule(self) -> Rule:
        data = self.cleaned_data
        return Rule(data["equal_percent"], data["population_percent"], data["usage_percent"])

    def usages(self) -> dict[int, int | None]:
        return {party.key: self.cleaned_data.get(self.usage_field(party)) for party in self.parties}

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        usages = self.usages()
        parties = [replace(party, usage=usages[party.key]) for party in self.parties]
        try:
            self.shares = split(data["total_yen"], parties, self.rule())
        except CostSharingError as refused:
            if refused.field == "usage" and any(party.usage is None for party in parties):
                for party in parties:
                    if party.usage is None:
                        self.add_error(self.usage_field(party), _("利用量割を使うときは入力してください。"))
            elif refused.field == "total":
                self.add_error("total_yen", refused.message)
            else:
                self.add_error(None, refused.message)
        return data


class ScenarioForm(CostSharingForm):
    name = forms.CharField(
        label=_("シナリオ名"),
        max_length=100,
        help_text=_("例：均等割30・人口割70。同じ検討会の中で重ならない名前にしてください。"),
        error_messages={"required": _("シナリオ名を入力してください。")},
    )

    field_order = ["name"]


class CaseDraftForm(forms.Form):
    title = forms.CharField(label=_("事例の題名"), max_length=255)
    went_live_on = forms.DateField(
        label=_("稼働日"),
        help_text=_("最初の団体が稼働した日です。例：2011-05-01"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    selected_on = forms.DateField(
        label=_("事業者決定日"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    contracted_on = forms.DateField(
        label=_("契約締結日"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    lessons = forms.CharField(
        label=_("教訓"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("検討会で学んだこと、次に共同化する団体に伝えたいことを書いてください。"),
        error_messages={"required": _("教訓を入力してください。")},
    )

    def __init__(self, *args, started_on, **kwargs):
        super().__init__(*args, **kwargs)
        self.started_on = started_on

    def clean(self):
        data = super().clean()
        for name in ("went_live_on", "selected_on", "contracted_on"):
            day = data.get(name)
            if day is not None and day < self.started_on:
                self.add_error(name, _("検討開始日より前の日付です。"))
        return data
