"""Input parsing for the desk: Japanese messages first, and the form keeps what was typed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from consultations.models import Category, Priority, Rating, Status
from portal import access
from portal.forms import AttachmentsField, ModelChoiceField, TitleField
from portal.localize import english_active
from portal.models import Membership, Municipality, SystemArea, User
from portal.personal_data import MyNumberGuardMixin
from portal.selectors import district_sort_key


class ConsultationForm(MyNumberGuardMixin, forms.Form):
    guarded_fields = ("title", "body")

    title = TitleField(label=_("件名"))
    body = forms.CharField(
        label=_("相談内容"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("状況、困っていること、期限などを書いてください。個人情報は書かないでください。"),
    )
    category = forms.ChoiceField(label=_("分類"), choices=Category.choices)
    system_areas = forms.ModelMultipleChoiceField(
        label=_("業務システム分野"),
        queryset=SystemArea.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    priority = forms.ChoiceField(label=_("優先度"), choices=Priority.choices, initial=Priority.NORMAL)
    desired_answer_on = forms.DateField(
        label=_("回答希望日"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    joint_municipalities = forms.ModelMultipleChoiceField(
        label=_("共同で相談する市町村"),
        queryset=Municipality.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("共同調達などで一緒に相談する市町村を選ぶと、その市町村の職員も閲覧できます。"),
    )
    attachments = AttachmentsField()
    not_a_personal_number = forms.BooleanField(
        label=_("件名・本文の12桁の数字はマイナンバー（個人番号）ではありません"), required=False
    )

    def __init__(self, *args, own_municipality=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["joint_municipalities"]
        field.queryset = Municipality.in_display_order()
        if own_municipality is not None:
            field.queryset = field.queryset.exclude(pk=own_municipality.pk)

    def partner_groups(self) -> list[tuple[str, list]]:
        """The partner check boxes by district: 市部 first, then the 郡 in 五十音順, each in 五十音順."""
        groups: dict[str, tuple[str, str, list]] = {}
        for box in self["joint_municipalities"]:
            municipality = box.data["value"].instance
            group = (municipality.district_kana, municipality.localized_district, [])
            groups.setdefault(municipality.district, group)[2].append(box)

        def order(item):
            district, (kana, label, _boxes) = item
            return (district != "", label if english_active() else district_sort_key(district, kana))

        return [
            (label if district else _("市部"), boxes)
            for district, (_k, label, boxes) in sorted(groups.items(), key=order)
        ]


class MessageForm(MyNumberGuardMixin, forms.Form):
    body = forms.CharField(label=_("本文"), widget=forms.Textarea(attrs={"rows": 6}))
    attachments = AttachmentsField()
    not_a_personal_number = forms.BooleanField(
        label=_("本文の12桁の数字はマイナンバー（個人番号）ではありません"), required=False
    )

    def __init__(self, *args, prefix=None, body_label=None, **kwargs):
        super().__init__(*args, prefix=prefix, **kwargs)
        if body_label:
            self.fields["body"].label = body_label


class EditMessageForm(MyNumberGuardMixin, forms.Form):
    body = forms.CharField(label=_("本文"), widget=forms.Textarea(attrs={"rows": 6}))
    not_a_personal_number = forms.BooleanField(
        label=_("本文の12桁の数字はマイナンバー（個人番号）ではありません"), required=False
    )


# Final states cannot be left again, so they are confirmed on a page of their own first.
CONFIRMED_TRANSITIONS = (Status.CLOSED, Status.WITHDRAWN)


def transition_verb(from_status: str, to: str) -> str:
    """What the button says: the action, not the status it leads to."""
    if to == Status.IN_PROGRESS:
        return {
            Status.NEW: _("対応を始める"),
            Status.RESOLVED: _("再開する"),
        }.get(from_status, _("対応中に戻す"))
    return {
        Status.WAITING: _("回答待ちにする"),
        Status.RESOLVED: _("解決にする"),
        Status.CLOSED: _("完了にする"),
        Status.WITHDRAWN: _("取り下げる"),
    }[to]


class TransitionForm(forms.Form):
    """The status form on the detail page: one submit button per allowed action names `to`."""

    to = forms.ChoiceField(label=_("変更後の状態"), choices=Status.choices)
    note = forms.CharField(
        label=_("メモ"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("履歴に残り、この相談を閲覧できる人全員に表示されます。"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(s, Status(s).label) for s in targets]


class TransitionConfirmForm(forms.Form):
    """The confirmation page of a final transition; the target comes from the URL."""

    note = forms.CharField(label=_("メモ"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, reason_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        if reason_required:
            note = self.fields["note"]
            note.label = _("完了にする理由")
            note.required = True
            note.help_text = _("解決前に完了にするときは理由が必要です。履歴に残ります。")
            note.error_messages["required"] = _("解決前に完了にするときは、理由を書いてください。")


def advisors():
    return User.objects.filter(
        is_active=True,
        memberships__role__in=access.ADVISOR_LIKE,
        memberships__state=Membership.State.ACTIVE,
    ).order_by("last_name", "first_name", "pk")


class AssignForm(forms.Form):
    assignee = ModelChoiceField(
        label=_("担当補佐官"), queryset=User.objects.none(), empty_label=_("選択してください")
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, team: list[User] | None = None, **kwargs):
        """`team`: the advisors as the page already read them (advisors()), offered without reading them
        again; a submitted choice is still checked against advisors()."""
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        field.queryset = advisors()
        field.label_from_instance = lambda user: user.get_full_name()
        if team is not None:
            field.choices = [
                ("", field.empty_label),
                *((user.pk, field.label_from_instance(user)) for user in team),
            ]


class BulkAssignForm(AssignForm):
    consultations = forms.ModelMultipleChoiceField(queryset=None, label=_("相談"))

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultations"].queryset = queryset


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("満足度"),
        coerce=int,
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        widget=forms.RadioSelect,
        help_text=_("5がとても満足、1がとても不満です。"),
    )
    solved = forms.ChoiceField(
        label=_("課題は解決しましたか"), choices=Rating.Outcome.choices[:3], widget=forms.RadioSelect
    )
    went_ahead = forms.ChoiceField(
        label=_("予定していた調達・変更は実施されましたか"),
        choices=Rating.Outcome.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("ご意見"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class VisitRequestForm(forms.Form):
    preferred_dates = forms.CharField(
        label=_("希望日時"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("候補の日時をいくつか書いてください。"),
    )


class VisitPlanForm(forms.Form):
    """Advisors plan a visit without a consultation (御用聞き)."""

    municipality = ModelChoiceField(
        label=_("訪問先"), queryset=Municipality.objects.all(), empty_label=_("選択してください")
    )
    preferred_dates = forms.CharField(
        label=_("候補日"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.in_display_order()


class VisitScheduleForm(forms.Form):
    scheduled_on = forms.DateField(label=_("訪問日"), widget=forms.DateInput(attrs={"type": "date"}))
    scheduled_time = forms.TimeField(
        label=_("時刻"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    place = forms.CharField(label=_("場所"), max_length=200)
    attendees = forms.CharField(label=_("出席者"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class VisitMinutesForm(forms.Form):
    minutes_public = forms.CharField(
        label=_("記録（市町村と共有）"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    minutes_internal = forms.CharField(
        label=_("記録（補佐官のみ）"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
