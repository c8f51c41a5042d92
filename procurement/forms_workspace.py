"""The inputs of a group's own pages; the rules behind them are procurement.services_workspace's."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.models import Membership, Municipality, Role, SystemArea, User
from procurement.models import Arrangement, Milestone, Purpose, WorkspaceStatus

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class WorkspaceForm(forms.Form):
    name = forms.CharField(
        label=_("名称"), max_length=100, help_text=_("例：北葛城 基幹システム共同化検討会")
    )
    slug = forms.CharField(
        label=_("URL 用の名前"),
        max_length=60,
        required=False,
        help_text=_(
            "半角の英小文字・数字・ハイフンで、検討会のページの URL になります。"
            "空欄なら発起団体の名前から作ります。"
        ),
    )
    description = forms.CharField(
        label=_("概要"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=4000
    )
    arrangement = forms.ChoiceField(
        label=_("組織形態"),
        choices=Arrangement.choices,
        widget=forms.RadioSelect,
        initial=Arrangement.VOLUNTARY,
    )
    purpose = forms.ChoiceField(
        label=_("目的"), choices=Purpose.choices, widget=forms.RadioSelect, initial=Purpose.COST
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("対象業務"),
        queryset=SystemArea.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    business_count = forms.IntegerField(
        label=_("対象業務の数"),
        required=False,
        min_value=1,
        max_value=200,
        help_text=_(
            "住民記録・個人住民税・固定資産税…のように、システムの業務単位で数えた数です。空欄のときは対象業務の分野の数で数えます。"
        ),
    )
    recruiting = forms.BooleanField(
        label=_("参加募集中にする（ほかの市町村にも検討会があることが見えます）"), required=False
    )

    def __init__(self, *args, workspace=None, **kwargs):
        super().__init__(*args, **kwargs)
        if workspace is not None:
            self.fields["slug"].required = True
            self.fields["slug"].help_text = _(
                "半角の英小文字・数字・ハイフン。変えると、これまでのページの URL は使えなくなります。"
            )
            self.fields["status"] = forms.ChoiceField(label=_("状態"), choices=WorkspaceStatus.choices)


class WorkspaceCreateForm(WorkspaceForm):
    founders = forms.ModelMultipleChoiceField(
        label=_("発起団体"),
        queryset=Municipality.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, own_municipality=None, suggestion="", **kwargs):
        super().__init__(*args, **kwargs)
        towns = Municipality.in_display_order()
        if suggestion:
            self.fields["slug"].help_text = _(
                "半角の英小文字・数字・ハイフンで、検討会のページの URL になります。"
                "空欄なら発起団体の名前から作ります（例：「%(suggestion)s」）。"
            ) % {"suggestion": suggestion}
        if own_municipality is None:
            field = self.fields["founders"]
            field.queryset = towns
            field.required = True
            field.help_text = _("呼びかける市町村を選んでください。あなたは事務局に加わります。")
            return
        # Staff found with their own municipality and at most one more: one choice, not a list.
        self.fields["founders"] = forms.ModelChoiceField(
            label=_("もう1つの発起団体"),
            queryset=towns.exclude(pk=own_municipality.pk),
            required=False,
            empty_label=_("（なし）"),
            help_text=_(
                "%(own)s は発起団体になり、あなたが担当者になります。"
                "一緒に呼びかける団体があれば1つ選んでください。"
            )
            % {"own": own_municipality},
        )

    def chosen_founders(self) -> list:
        chosen = self.cleaned_data["founders"]
        if isinstance(chosen, Municipality):
            return [chosen]
        return list(chosen or [])


class MemberForm(forms.Form):
    contact = forms.ModelChoiceField(label=_("担当者"), queryset=User.objects.none(), required=False)
    head_signoff_on = forms.DateField(
        label=_("首長の了承日"),
        required=False,
        widget=DATE,
        help_text=_("首長が参加を了承した日です。原則ノーカスタマイズには首長の指示が欠かせません。"),
    )

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["contact"]
        field.queryset = User.objects.filter(
            memberships__municipality=member.municipality,
            memberships__role=Role.STAFF,
            memberships__state=Membership.State.ACTIVE,
        ).order_by("last_name", "first_name", "pk")
        field.label_from_instance = lambda user: f"{user.get_full_name() or user.email}（{user.email}）"
        field.error_messages["invalid_choice"] = _(
            "担当者には、%(town)s の有効な職員アカウントを選んでください。"
        ) % {"town": member.municipality}
        field.help_text = _("%(town)s の職員から選びます。") % {"town": member.municipality}


def _people(role_values, exclude_workspace):
    return (
        User.objects.filter(memberships__role__in=role_values, memberships__state=Membership.State.ACTIVE)
        .exclude(procurement_secretariats__workspace=exclude_workspace)
        .order_by("last_name", "first_name", "pk")
        .distinct()
    )


def _label(user) -> str:
    return f"{user.get_full_name() or user.email}（{user.email}）"


class AdvisorForm(forms.Form):
    advisor = forms.ModelChoiceField(label=_("CIO 補佐官"), queryset=User.objects.none())

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advisor"].queryset = _people([Role.ADVISOR, Role.ADMIN], workspace)
        self.fields["advisor"].label_from_instance = _label


class ConsultantForm(forms.Form):
    consultant = forms.ModelChoiceField(
        label=_("登録済みのアカウント"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("ほかの検討会ですでに使っているコンサルタントのアカウントを加えるときに選びます。"),
    )
    email = forms.EmailField(
        label=_("新しいアカウントのメールアドレス"),
        required=False,
        help_text=_("新しく作ると、このアドレスにパスワード設定のリンクが届きます。"),
    )
    last_name = forms.CharField(label=_("氏名（姓）"), max_length=150, required=False)
    first_name = forms.CharField(label=_("氏名（名）"), max_length=150, required=False)

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultant"].queryset = _people([Role.CONSULTANT], workspace)
        self.fields["consultant"].label_from_instance = _label

    def clean(self):
        data = super().clean()
        if data.get("consultant") and data.get("email"):
            self.add_error(
                "email", _("登録済みのアカウントを選んだときは、メールアドレスは空欄にしてください。")
            )
        elif not data.get("consultant") and not data.get("email") and "email" not in self.errors:
            self.add_error(
                "consultant",
                _("登録済みのアカウントを選ぶか、新しいアカウントのメールアドレスを入力してください。"),
            )
        return data


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["target_on", "actual_on", "owner", "note"]
        widgets = {"target_on": DATE, "actual_on": DATE, "note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "actual_on": _("終わった日（稼働は稼働した日）です。まだなら空欄にします。"),
            "owner": _("例：事務局、発起団体、各団体（原課職員）"),
        }
