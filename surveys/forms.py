"""The builder's forms: a survey's settings (deadline as a date and a time in Japan) and a question."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import inventory_feeds
from portal.models import Municipality
from surveys.models import Audience, ColumnKind, Question, QuestionKind, Survey


class SurveyForm(forms.Form):
    title = forms.CharField(label=_("件名"), max_length=200)
    description = forms.CharField(
        label=_("照会の趣旨・説明"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    deadline_date = forms.DateField(
        label=_("回答期限（日付）"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("日付を 2026-04-01 の形で入力してください。")},
    )
    deadline_time = forms.TimeField(
        label=_("回答期限（時刻）"),
        initial=datetime.time(17, 0),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("時刻を 17:00 の形で入力してください。")},
    )
    audience = forms.ChoiceField(
        label=_("照会先"), choices=Audience.choices, widget=forms.RadioSelect, initial=Audience.ALL
    )
    district = forms.ChoiceField(label=_("郡（「郡を指定」のとき）"), required=False, choices=[])
    chosen = forms.ModelMultipleChoiceField(
        label=_("市町村（「市町村を選ぶ」のとき）"),
        queryset=Municipality.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    needs_approval = forms.BooleanField(
        label=_("担当課長の承認を求める（提出した人とは別の職員が承認して確定）"), required=False
    )
    results_visible_to_municipalities = forms.BooleanField(
        label=_("集計結果を照会先の市町村にも公開する"), required=False
    )
    visible_to_officials = forms.BooleanField(label=_("集計結果を県職員（幹部）にも公開する"), required=False)
    previous = forms.ModelChoiceField(
        label=_("前回の照会（同じ質問の回答を引き継ぐ）"), queryset=Survey.objects.none(), required=False
    )

    def __init__(self, *args, previous_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        districts = Municipality.objects.exclude(district="").values_list("district", flat=True).distinct()
        self.fields["district"].choices = [("", "---------"), *[(d, d) for d in sorted(set(districts))]]
        self.fields["chosen"].queryset = Municipality.in_display_order()
        if previous_choices is not None:
            self.fields["previous"].queryset = previous_choices

    def clean(self):
        data = super().clean()
        if data.get("audience") == Audience.DISTRICT and not data.get("district"):
            self.add_error("district", _("郡を選んでください。"))
        if data.get("audience") == Audience.CHOSEN and not data.get("chosen"):
            self.add_error("chosen", _("照会先の市町村を1つ以上選んでください。"))
        if data.get("deadline_date") and data.get("deadline_time"):
            data["deadline"] = timezone.make_aware(
                datetime.datetime.combine(data["deadline_date"], data["deadline_time"])
            )
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "deadline": data["deadline"],
            "audience": data["audience"],
            "district": data.get("district") or "",
            "chosen": list(data.get("chosen") or []),
            "needs_approval": data["needs_approval"],
            "results_visible_to_municipalities": data["results_visible_to_municipalities"],
            "visible_to_officials": data["visible_to_officials"],
            "previous": data.get("previous"),
        }

    @classmethod
    def initial_of(cls, survey) -> dict:
        local = timezone.localtime(survey.deadline)
        return {
            "title": survey.title,
            "description": survey.description,
            "deadline_date": local.date(),
            "deadline_time": local.time(),
            "audience": survey.audience,
            "district": survey.district,
            "chosen": list(survey.municipalities.all()),
            "needs_approval": survey.needs_approval,
            "results_visible_to_municipalities": survey.results_visible_to_municipalities,
            "visible_to_officials": survey.visible_to_officials,
            "previous": survey.previous,
        }


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("種類"), choices=QuestionKind.choices)
    label = forms.CharField(label=_("質問"), max_length=300)
    help = forms.CharField(label=_("補足説明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    required = forms.BooleanField(label=_("回答必須"), required=False)
    choices = forms.CharField(
        label=_("選択肢（選択の質問のとき。1行に1つ）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    columns = forms.CharField(
        label=_("表の列（表の質問のとき。1行に1列、「列名:種類」。種類は 文章・数値・日付）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("例：システム名:文章 ／ 契約終了日:日付 ／ 年間費用（千円）:数値"),
    )
    unit = forms.CharField(label=_("単位（数値の質問のとき）"), max_length=20, required=False)
    feeds = forms.ChoiceField(
        label=_("回答でシステム台帳を更新する（表の質問のとき）"),
        required=False,
        help_text=_("台帳を選ぶと、表の列は台帳の列になります（上の「表の列」は使いません）。"),
    )

    COLUMN_KINDS = {
        "文章": ColumnKind.TEXT,
        "数値": ColumnKind.NUMBER,
        "日付": ColumnKind.DATE,
        "text": ColumnKind.TEXT,
        "number": ColumnKind.NUMBER,
        "date": ColumnKind.DATE,
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["feeds"].choices = [
            ("", _("更新しない")),
            *[(feed.slug, feed.label) for feed in inventory_feeds.registered()],
        ]

    def clean_choices(self):
        return [line.strip() for line in self.cleaned_data["choices"].splitlines() if line.strip()]

    def clean_columns(self):
        columns = []
        for line in self.cleaned_data["columns"].splitlines():
            if not line.strip():
                continue
            name, _sep, kind = line.replace("：", ":").rpartition(":")
            if not name:
                name, kind = kind, "文章"
            if kind.strip() not in self.COLUMN_KINDS:
                raise forms.ValidationError(
                    _("列「%(line)s」の種類は 文章・数値・日付 のどれかにしてください。")
                    % {"line": line.strip()}
                )
            columns.append({"name": name.strip(), "kind": self.COLUMN_KINDS[kind.strip()]})
        return columns

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(data.get("choices") or []) < 2:
            self.add_error("choices", _("選択肢を2つ以上入力してください。"))
        if data.get("feeds") and kind != QuestionKind.TABLE:
            self.add_error("feeds", _("システム台帳を更新できるのは表の質問だけです。"))
        elif (
            kind == QuestionKind.TABLE
            and not data.get("feeds")
            and not data.get("columns")
            and "columns" not in self.errors
        ):
            self.add_error("columns", _("表の列を1つ以上入力してください。"))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        table = data["kind"] == QuestionKind.TABLE
        choice = data["kind"] in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
        return {
            "kind": data["kind"],
            "label": data["label"],
            "help": data["help"],
            "required": data["required"],
            "choices": data["choices"] if choice else [],
            "columns": data["columns"] if table else [],
            "unit": data["unit"] if data["kind"] == QuestionKind.NUMBER else "",
            "feeds": data["feeds"] if table else "",
        }

    @classmethod
    def initial_of(cls, question: Question) -> dict:
        kinds = {ColumnKind.TEXT: "文章", ColumnKind.NUMBER: "数値", ColumnKind.DATE: "日付"}
        return {
            "kind": question.kind,
            "label": question.label,
            "help": question.help,
            "required": question.required,
            "choices": "\n".join(question.choices),
            "columns": "\n".join(f"{c['name']}:{kinds.get(c['kind'], '文章')}" for c in question.columns),
            "unit": question.unit,
            "feeds": question.feeds,
        }
