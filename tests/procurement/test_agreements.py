"""The decision log (合意事項): those who run the group record what was agreed and by whom; corrections
supersede an entry and never hide it; everyone inside reads it, and so do the prefecture's officials."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from portal.models import Role
from procurement import services_records
from procurement.models import Agreement
from tests.factories import AgreementFactory, WorkspaceFactory, WorkspaceMemberFactory, member

pytestmark = pytest.mark.django_db


def _url(world, tail=""):
    return f"/procurement/{world['workspace'].slug}/decisions/{tail}"


def _members(world):
    return list(world["workspace"].members.order_by("pk"))


def _record(world, text="対象業務を5業務とする。", *, by="founder", supersedes=None, **overrides):
    fields = {
        "decided_on": datetime.date(2026, 4, 20),
        "meeting": "第2回検討会",
        "agreed_by": [m.pk for m in _members(world)],
        **overrides,
    }
    return services_records.agreement_record(
        actor=world["people"][by],
        workspace_id=world["workspace"].pk,
        text=text,
        supersedes_id=supersedes.pk if supersedes else None,
        **fields,
    )


def test_a_founder_records_what_was_agreed_when_and_by_which_members(client, log_in, procurement_world):
    world = procurement_world
    log_in(world["people"]["founder"])
    founder_member = _members(world)[0]
    response = client.post(
        _url(world, "new/"),
        {
            "text": "原課職員によるデモ評価を行う。",
            "decided_on": "2026-05-18",
            "meeting": "第3回検討会",
            "agreed_by": [founder_member.pk],
        },
    )
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert (agreement.number, agreement.meeting, agreement.recorded_by) == (
        1,
        "第3回検討会",
        world["people"]["founder"],
    )
    assert list(agreement.agreed_by.all()) == [founder_member]
    page = client.get(_url(world)).content.decode()
    assert "原課職員によるデモ評価を行う。" in page
    assert "令和8年（2026年）5月18日" in page


def test_a_correction_supersedes_the_entry_which_stays_listed_as_corrected(client, log_in, procurement_world):
    world = procurement_world
    first = _record(world, "デモ評価は各団体1名で行う。")
    correction = _record(world, "デモ評価は各団体2名以上で行う。", by="secretariat", supersedes=first)
    first.refresh_from_db()
    assert first.text == "デモ評価は各団体1名で行う。"
    assert first.superseded_by == correction
    log_in(world["people"]["member"])
    page = client.get(_url(world)).content.decode()
    assert "デモ評価は各団体1名で行う。" in page
    assert "訂正済み" in page
    assert "（No.1 を訂正）" in page


def test_an_entry_already_corrected_is_not_corrected_again_but_its_correction_is(procurement_world):
    world = procurement_world
    first = _record(world, "RFPの提出期限は6月末とする。")
    correction = _record(world, "RFPの提出期限は7月末とする。", supersedes=first)
    with pytest.raises(services_records.RecordsError, match=r"No\.1 はすでに No\.2 で訂正されています"):
        _record(world, "RFPの提出期限は8月末とする。", supersedes=first)
    again = _record(world, "RFPの提出期限は8月末とする。", supersedes=correction)
    assert again.supersedes == correction
    assert Agreement.objects.count() == 3


def test_a_correction_form_offers_only_entries_not_yet_corrected(client, log_in, procurement_world):
    world = procurement_world
    first = _record(world, "提出期限は6月末とする。")
    _record(world, "提出期限は7月末とする。", supersedes=first)
    log_in(world["people"]["secretariat"])
    page = client.get(_url(world, "new/")).content.decode()
    assert "No.2 提出期限は7月末とする。" in page
    assert "No.1 提出期限は6月末とする。" not in page


def test_the_same_agreement_submitted_twice_is_recorded_once(client, log_in, procurement_world):
    world = procurement_world
    log_in(world["people"]["founder"])
    data = {
        "text": "ノーカスタマイズを原則とする。",
        "decided_on": "2026-05-18",
        "agreed_by": [_members(world)[0].pk],
    }
    for _ in range(2):
        assert client.post(_url(world, "new/"), data).status_code == 302
    assert Agreement.objects.count() == 1


def test_a_future_date_and_no_member_are_refused_next_to_their_fields(client, log_in, procurement_world):
    world = procurement_world
    log_in(world["people"]["founder"])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        _url(world, "new/"), {"text": "協定書を締結する。", "decided_on": tomorrow.isoformat()}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "合意した参加団体を1つ以上選んでください。" in page
    assert "協定書を締結する。" in page
    data = {
        "text": "協定書を締結する。",
        "decided_on": tomorrow.isoformat(),
        "agreed_by": [_members(world)[0].pk],
    }
    assert "合意日に未来の日付は指定できません。" in client.post(_url(world, "new/"), data).content.decode()
    assert not Agreement.objects.exists()


def test_another_groups_member_cannot_be_named_as_agreeing(procurement_world):
    world = procurement_world
    stranger = WorkspaceMemberFactory(workspace=WorkspaceFactory(created_by=world["people"]["outsider"]))
    with pytest.raises(services_records.RecordsError, match="合意した参加団体を1つ以上選んでください"):
        _record(world, agreed_by=[_members(world)[0].pk, stranger.pk])
    assert not Agreement.objects.exists()


@pytest.mark.parametrize("who", ["member", "consultant"])
def test_those_inside_who_do_not_run_the_group_read_the_log_but_do_not_record(
    client, log_in, procurement_world, who
):
    world = procurement_world
    _record(world, "事務局を委託する。")
    log_in(world["people"][who])
    assert "事務局を委託する。" in client.get(_url(world)).content.decode()
    assert client.get(_url(world, "new/")).status_code == 404
    with pytest.raises(PermissionDenied):
        _record(world, "別の合意。", by=who)


@pytest.mark.parametrize("who", ["official", "advisor"])
def test_overseers_read_the_decision_log_but_neither_the_documents_nor_the_qa(
    client, log_in, procurement_world, who
):
    world = procurement_world
    _record(world, "総合評価型プロポーザルで事業者を選定する。")
    log_in(world["people"][who])
    page = client.get(_url(world))
    assert page.status_code == 200
    assert "総合評価型プロポーザルで事業者を選定する。" in page.content.decode()
    assert "合意事項を記録する" not in page.content.decode()
    slug = world["workspace"].slug
    assert client.get(f"/procurement/{slug}/documents/").status_code == 404
    assert client.get(f"/procurement/{slug}/questions/").status_code == 404


@pytest.mark.parametrize("who", ["outsider", "invited"])
def test_other_municipalities_find_no_decision_log(client, log_in, procurement_world, who):
    world = procurement_world
    _record(world)
    log_in(world["people"][who])
    assert client.get(_url(world)).status_code == 404


def test_a_consultant_of_another_workspace_finds_no_decision_log(client, log_in, procurement_world):
    world = procurement_world
    agreement = AgreementFactory(workspace=world["workspace"], agreed_by=_members(world))
    log_in(member(Role.CONSULTANT))
    assert client.get(_url(world)).status_code == 404
    assert client.get(_url(world, f"new/?supersedes={agreement.pk}")).status_code == 404


def test_recording_a_correction_starts_from_the_entry_it_corrects(client, log_in, procurement_world):
    world = procurement_world
    first = _record(world, "デモ評価は各団体1名で行う。", meeting="第3回検討会")
    log_in(world["people"]["founder"])
    log = client.get(_url(world)).content.decode()
    assert f"{_url(world, 'new/')}?supersedes={first.pk}" in log
    page = client.get(_url(world, "new/"), {"supersedes": first.pk}).content.decode()
    assert "デモ評価は各団体1名で行う。</textarea>" in page
    assert f'<option value="{first.pk}" selected>' in page
