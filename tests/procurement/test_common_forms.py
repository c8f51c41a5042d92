"""The common forms (規定帳票): each member's staff set their own column, the secretariat any; the
founders and the secretariat keep the list; progress per member leaves out the forms 対象外 for it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from procurement.cells import CellChange
from procurement.fitgap import form_progress
from procurement.models import AdoptionState, CommonForm, FormAdoption
from procurement.services_common_forms import adoptions_save, common_form_add, common_form_rename
from tests.factories import CommonFormFactory, FormAdoptionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(procurement_world):
    workspace = procurement_world["workspace"]
    founder_column, member_column = list(workspace.members.select_related("municipality"))
    forms = [
        CommonFormFactory(workspace=workspace, name=name) for name in ["住民票の写し", "納税通知書", "督促状"]
    ]
    return {
        **procurement_world,
        "founder_column": founder_column,
        "member_column": member_column,
        "forms": forms,
        "url": f"/procurement/{workspace.slug}/forms/",
    }


def state(form, member, value, was=AdoptionState.NOT_STARTED):
    return CellChange(form.pk, member.pk, value, "", was, "")


def test_member_staff_set_their_own_column_and_not_another_members(world):
    person = world["people"]["member"]
    adoptions_save(
        actor=person,
        workspace=world["workspace"],
        changes=[state(world["forms"][0], world["member_column"], AdoptionState.UNIFIED)],
    )
    adoption = FormAdoption.objects.get()
    assert (adoption.member, adoption.state, adoption.updated_by) == (
        world["member_column"],
        AdoptionState.UNIFIED,
        person,
    )
    with pytest.raises(PermissionDenied):
        adoptions_save(
            actor=person,
            workspace=world["workspace"],
            changes=[state(world["forms"][0], world["founder_column"], AdoptionState.UNIFIED)],
        )


def test_the_secretariat_sets_any_members_state(world):
    adoptions_save(
        actor=world["people"]["secretariat"],
        workspace=world["workspace"],
        changes=[
            state(world["forms"][1], world["founder_column"], AdoptionState.ADJUSTING),
            state(world["forms"][1], world["member_column"], AdoptionState.NOT_APPLICABLE),
        ],
    )
    assert FormAdoption.objects.count() == 2


def test_progress_counts_unified_forms_out_of_those_that_apply(world):
    forms, founder, member = world["forms"], world["founder_column"], world["member_column"]
    FormAdoptionFactory(form=forms[0], member=founder, state=AdoptionState.UNIFIED)
    FormAdoptionFactory(form=forms[1], member=founder, state=AdoptionState.NOT_APPLICABLE)
    FormAdoptionFactory(form=forms[0], member=member, state=AdoptionState.ADJUSTING)
    progress = form_progress(forms, [founder, member], list(FormAdoption.objects.all()))
    assert [(p.member, p.unified, p.applicable, p.percent) for p in progress] == [
        (founder, 1, 2, 50),
        (member, 0, 3, 0),
    ]


def test_runners_add_and_rename_forms_and_a_duplicate_name_is_refused(world):
    founder = world["people"]["founder"]
    added = common_form_add(actor=founder, workspace=world["workspace"], name="口座振替依頼書")
    assert added.order > world["forms"][-1].order
    with pytest.raises(ValidationError) as raised:
        common_form_rename(actor=founder, workspace=world["workspace"], form_id=added.pk, name="納税通知書")
    assert raised.value.messages == ["「納税通知書」はすでにあります。"]
    with pytest.raises(PermissionDenied):
        common_form_add(actor=world["people"]["member"], workspace=world["workspace"], name="再発行申請書")


def test_the_page_shows_states_as_words_and_progress_per_member(client, log_in, world):
    FormAdoptionFactory(form=world["forms"][0], member=world["member_column"], state=AdoptionState.UNIFIED)
    page = log_in(world["people"]["founder"]).get(world["url"]).content.decode()
    assert "統一済み" in page and "未着手" in page
    assert "規定帳票 3 種 × 参加団体" in page
    # The founder sets their own column only; the member's is text.
    assert f'name="c-{world["forms"][0].pk}-{world["founder_column"].pk}-value"' in page
    assert f'name="c-{world["forms"][0].pk}-{world["member_column"].pk}-value"' not in page


def test_posting_the_page_saves_the_changed_states(client, log_in, world):
    prefix = f"c-{world['forms'][2].pk}-{world['member_column'].pk}"
    response = log_in(world["people"]["member"]).post(
        world["url"],
        {
            f"{prefix}-value": AdoptionState.ADJUSTING,
            f"{prefix}-note": "督促文面を調整中",
            f"{prefix}-was-value": AdoptionState.NOT_STARTED,
            f"{prefix}-was-note": "",
        },
        follow=True,
    )
    assert "1 か所の状況を保存しました。" in response.content.decode()
    assert FormAdoption.objects.get().note == "督促文面を調整中"


def test_a_rename_to_an_empty_name_keeps_the_page_with_a_message(client, log_in, world):
    form = world["forms"][0]
    response = log_in(world["people"]["secretariat"]).post(f"{world['url']}{form.pk}/rename/", {"name": "  "})
    assert "帳票名を入力してください。" in response.content.decode()
    assert CommonForm.objects.get(pk=form.pk).name == "住民票の写し"


def test_removing_a_form_twice_is_harmless(client, log_in, world):
    form = world["forms"][0]
    log_in(world["people"]["founder"])
    for _ in range(2):
        assert client.post(f"{world['url']}{form.pk}/remove/").status_code == 302
    assert not CommonForm.objects.filter(pk=form.pk).exists()


@pytest.mark.parametrize("who", ["official", "advisor", "invited"])
def test_those_outside_the_group_do_not_see_the_forms(client, log_in, world, who):
    assert log_in(world["people"][who]).get(world["url"]).status_code == 404
