import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from cases import selectors
from cases.models import Arrangement, Organisation, PopulationBand, Purpose, System
from cases.templatetags.cases_tags import wareki_at
from portal.selectors import district_choices


def _with_all(choices):
    return [("", _("すべて")), *choices]


class CaseFilterForm(forms.Form):
    """The browse filters; every field is optional and bad values are simply ignored."""

    SORT_CHOICES = [
        ("newest", _("稼働が新しい順")),
        ("saving", _("経費削減率が大きい順")),
        ("members", _("参加団体が多い順")),
    ]

    arrangement = forms.ChoiceField(
        label=_("導入形態"), required=False, choices=_with_all(Arrangement.choices)
    )
    organisation = forms.ChoiceField(
        label=_("組織形態"), required=False, choices=_with_all(Organisation.choices)
    )
    purpose = forms.ChoiceField(label=_("主な目的"), required=False, choices=_with_all(Purpose.choices))
    system = forms.ChoiceField(label=_("対象システム"), required=False, choices=_with_all(System.choices))
    population_band = forms.ChoiceField(
        label=_("参加団体の人口規模"), required=False, choices=_with_all(PopulationBand.choices)
    )
    go_live_year = forms.TypedChoiceField(label=_("稼働開始年"), required=False, coerce=int, empty_value=None)
    district = forms.ChoiceField(label=_("郡"), required=False)
    sort = forms.ChoiceField(label=_("並べ替え"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["go_live_year"].choices = _with_all(
            [(year, wareki_at(datetime.date(year, 1, 1), "year")) for year in selectors.go_live_years()]
        )
        self.fields["district"].choices = _with_all(district_choices())

    def filters(self) -> dict:
        """The valid filters (an invalid one is dropped rather than failing the whole list)."""
        self.is_valid()
        data = {name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}
        data["sort"] = data.get("sort") or "newest"
        return {key: value for key, value in data.items() if value not in (None, "")}


ANSWER_CHOICES = [
    ("yes", _("はい")),
    ("partly", _("一部あてはまる")),
    ("no", _("いいえ")),
]


class ReadinessForm(forms.Form):
    """One question per success factor that has a question; every question must be answered."""

    def __init__(self, *args, factors, initial_answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.factors = list(factors)
        for factor in self.factors:
            self.fields[factor.slug] = forms.ChoiceField(
                label=factor.localized_question,
                choices=ANSWER_CHOICES,
                widget=forms.RadioSelect,
                help_text=factor.localized_title,
                error_messages={
                    "required": _("「はい」「一部あてはまる」「いいえ」のどれかを選んでください。")
                },
                initial=(initial_answers or {}).get(factor.slug),
            )

    def answers(self) -> dict[str, str]:
        return {factor.slug: self.cleaned_data[factor.slug] for factor in self.factors}
