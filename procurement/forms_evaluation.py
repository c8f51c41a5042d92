"""Input of the evaluation pages, with the messages a user reads next to the field."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from procurement.models import Round, RoundStage


def _points_field(label, *, minimum=0, maximum=None, initial=None, help_text=""):
    if maximum is None:
        between = _("%(min)s 以上の整数で入力してください。") % {"min": minimum}
    else:
        between = _("%(min)s〜%(max)s の整数で入力してください。") % {"min": minimum, "max": maximum}
    return forms.IntegerField(
        label=label,
        min_value=minimum,
        max_value=maximum,
        initial=initial,
        help_text=help_text,
        error_messages={
            "required": _("%(label)sを入力してください。") % {"label": label},
            "invalid": between,
            "min_value": between,
            "max_value": between,
        },
    )


class RoundForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("評価の名称"),
        max_length=100,
        help_text=gettext_lazy("例：デモ評価（第1回）、提案評価"),
        error_messages={"required": gettext_lazy("評価の名称を入力してください。")},
    )
    stage = forms.ChoiceField(
        label=gettext_lazy("段階"),
        choices=RoundStage.choices,
        widget=forms.RadioSelect,
        initial=RoundStage.DEMO,
        error_messages={"required": gettext_lazy("段階を選んでください。")},
    )

    def __init__(self, *args, round: Round | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["technical_points"] = _points_field(
            _("技術点の満点"),
            minimum=1,
            maximum=1000,
            initial=round.technical_points if round else 70,
            help_text=_("評価項目の配点の合計の上限です。"),
        )
        self.fields["price_points"] = _points_field(
            _("価格点の満点"),
            maximum=1000,
            initial=round.price_points if round else 30,
            help_text=_("最も安い提案がこの点数になります。価格を評価しない場合は 0 にします。"),
        )
        if round is not None:
            # The stage is chosen when the round is made; its settings form edits the rest.
            del self.fields["stage"]
            self.initial.setdefault("title", round.title)


class CriterionForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("評価項目"),
        max_length=100,
        help_text=gettext_lazy("同じ名前の項目を追加すると、その項目の配点を変更します。"),
        error_messages={"required": gettext_lazy("評価項目の名前を入力してください。")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["max_points"] = _points_field(_("配点"), minimum=1, maximum=1000)


class VendorForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("事業者名"),
        max_length=100,
        error_messages={"required": gettext_lazy("事業者名を入力してください。")},
    )

    def __init__(self, *args, **kwargs):
        # The set-up page shows this form beside the criterion's, whose field is also `name`: own ids,
        # so each label names its own input.
        kwargs.setdefault("auto_id", "id_vendor_%s")
        super().__init__(*args, **kwargs)


class BidForm(forms.Form):
    vendor = forms.ModelChoiceField(
        label=gettext_lazy("事業者"),
        queryset=None,
        empty_label=gettext_lazy("選んでください"),
        error_messages={
            "required": gettext_lazy("事業者を選んでください。"),
            "invalid_choice": gettext_lazy("この評価の事業者から選んでください。"),
        },
    )

    def __init__(self, *args, round: Round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vendor"].queryset = round.vendors.all()
        self.fields["price"] = _points_field(
            _("提案価格（円）"), minimum=1, maximum=10**15, help_text=_("半角数字、円単位で入力します。")
        )


class ScoreForm(forms.Form):
    """One vendor's sheet for one evaluator: the points of every criterion (required) and a comment each."""

    def __init__(self, *args, criteria, scores, vendor, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            saved = scores.get((criterion.pk, vendor.pk))
            field = _points_field(
                criterion.name,
                maximum=criterion.max_points,
                initial=saved.points if saved else None,
                help_text=_("0〜%(max)s 点") % {"max": criterion.max_points},
            )
            field.error_messages["required"] = _("「%(name)s」の点数を入力してください。") % {
                "name": criterion.name
            }
            self.fields[f"points_{criterion.pk}"] = field
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("「%(name)s」のコメント") % {"name": criterion.name},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=saved.comment if saved else "",
            )

    def rows(self):
        return [(self[f"points_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def points(self) -> dict[int, tuple[int, str]]:
        data = self.cleaned_data
        return {c.pk: (data[f"points_{c.pk}"], data[f"comment_{c.pk}"].strip()) for c in self.criteria}


class DecisionForm(forms.Form):
    vendor = forms.ModelChoiceField(
        label=gettext_lazy("選定した事業者"),
        queryset=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("選定した事業者を選んでください。"),
            "invalid_choice": gettext_lazy("この評価の事業者から選んでください。"),
        },
    )
    reasons = forms.CharField(
        label=gettext_lazy("選定の理由"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("総合点と順位のほか、評価者のコメントや検討会での合意事項を書きます。"),
        error_messages={"required": gettext_lazy("選定の理由を入力してください。")},
    )

    def __init__(self, *args, round: Round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vendor"].queryset = round.vendors.order_by("name", "pk")
