from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import Answer


class ReadinessForm(forms.Form):
    """One question per success factor that has a question; every question must be answered."""

    def __init__(self, *args, factors, initial_answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.factors = list(factors)
        for factor in self.factors:
            self.fields[factor.slug] = forms.ChoiceField(
                label=factor.localized_question,
                choices=Answer.choices,
                widget=forms.RadioSelect,
                help_text=factor.localized_title,
                error_messages={
                    "required": _("「はい」「一部あてはまる」「いいえ」のどれかを選んでください。")
                },
                initial=(initial_answers or {}).get(factor.slug),
            )

    def answers(self) -> dict[str, str]:
        return {factor.slug: self.cleaned_data[factor.slug] for factor in self.factors}
