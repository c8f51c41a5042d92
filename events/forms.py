"""The events' forms: what the user typed is kept and each problem is shown next to its field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import Event, EventOutcome, FollowUp, Kind, VisitRequest
from portal.forms import AttachmentsField
from portal.models import Municipality

LOCAL_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventForm(forms.ModelForm):
    online_url = forms.URLField(label=_("オンライン参加のURL"), required=False, assume_scheme="https")

    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "registration_deadline",
            "place",
            "online_url",
            "capacity",
            "audience",
            "district",
            "invited_municipalities",
        ]
        widgets = {
            "starts_at": LOCAL_DATETIME,
            "ends_at": LOCAL_DATETIME,
            "registration_deadline": LOCAL_DATETIME,
            "invited_municipalities": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invited_municipalities"].queryset = Municipality.objects.order_by("kana_sort")
        self.fields["district"].help_text = _("対象が「地域」のとき、郡・圏域の名前（例：北葛城郡）")

    def clean(self):
        cleaned = super().clean()
        starts, ends, deadline = (cleaned.get(k) for k in ("starts_at", "ends_at", "registration_deadline"))
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("終了日時は開始日時より後にしてください。"))
        if starts and deadline and deadline > starts:
            self.add_error("registration_deadline", _("申込締切は開始日時より前にしてください。"))
        if cleaned.get("audience") == "district" and not cleaned.get("district"):
            self.add_error("district", _("対象の地域を入力してください。"))
        if cleaned.get("audience") == "invited" and not cleaned.get("invited_municipalities"):
            self.add_error("invited_municipalities", _("招待する市町村を選んでください。"))
        return cleaned


class KindFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("種類"), required=False, choices=[("", _("すべて")), *Kind.choices])


class RegisterForm(forms.Form):
    person = forms.ModelChoiceField(label=_("申し込む人"), queryset=None, empty_label=None)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = lambda user: user.get_full_name() or user.email


class AttendanceForm(forms.Form):
    attended = forms.MultipleChoiceField(
        label=_("出席した人"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [
            (r.pk, f"{r.person.get_full_name()}（{r.municipality.name}）") for r in registrations
        ]
        self.initial.setdefault("attended", [r.pk for r in registrations if r.attended])


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["satisfaction", "next_action", "topics_wanted"]
        widgets = {"satisfaction": forms.RadioSelect, "next_action": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"satisfaction": _("5：とても満足、1：不満")}


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("資料名"), max_length=200, required=False)
    attachments = AttachmentsField(label=_("ファイル"))


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = EventOutcome
        fields = ["kind", "title", "url"]
        help_texts = {
            "url": _(
                "このサイトのページのURL（例：/knowhow/12/）。アドレスバーからそのまま貼り付けられます。"
            )
        }


class VisitRequestForm(forms.ModelForm):
    class Meta:
        model = VisitRequest
        fields = ["requested_dates", "purpose", "people"]


class VisitAcceptForm(forms.Form):
    proposed_dates = forms.CharField(label=_("受け入れる日程の候補"), max_length=200)


class VisitDeclineForm(forms.Form):
    reason = forms.CharField(label=_("辞退の理由"), widget=forms.Textarea(attrs={"rows": 3}))
