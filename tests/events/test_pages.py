"""What people see and do on the events' pages."""

import datetime

import pytest
from django.utils import timezone

from events import services
from events.models import FollowUp, Registration, VisitRequest
from portal.models import Notification, Role
from tests.factories import (
    EventFactory,
    MunicipalityFactory,
    case_study,
    consultation,
    home_page,
    member,
    registered,
    run_tasks,
)

pytestmark = pytest.mark.django_db


def test_staff_see_an_event_in_wareki_register_and_see_their_seat(log_in):
    staff = member(Role.STAFF)
    start = datetime.datetime(2027, 2, 10, 14, 0, tzinfo=timezone.get_default_timezone())
    event = EventFactory(starts_at=start, registration_deadline=timezone.now() + datetime.timedelta(days=5))
    client = log_in(staff)
    page = client.get(f"/events/{event.pk}/").content.decode()
    assert "令和9年（2027年）2月10日 14:00" in page
    assert "30 人（残り 30 席）" in page
    response = client.post(f"/events/{event.pk}/register/", {"person": staff.pk}, follow=True)
    assert "申し込みました（参加確定）。" in response.content.decode()
    assert "あなたは参加確定です。" in response.content.decode()
    assert "残り 29 席" in response.content.decode()


def test_a_full_event_shows_the_waiting_list_position(log_in):
    event = EventFactory(capacity=1)
    registered(event, member(Role.STAFF))
    staff = member(Role.STAFF)
    response = log_in(staff).post(f"/events/{event.pk}/register/", {"person": staff.pk}, follow=True)
    text = response.content.decode()
    assert "キャンセル待ち（1番目）で受け付けました。" in text
    assert "あなたはキャンセル待ち 1 番目です。" in text


def test_registering_another_municipalitys_person_is_refused_on_the_page(log_in):
    staff, stranger = member(Role.STAFF), member(Role.STAFF)
    event = EventFactory()
    response = log_in(staff).post(f"/events/{event.pk}/register/", {"person": stranger.pk}, follow=True)
    assert "申し込む人を選んでください。" in response.content.decode()
    assert not Registration.objects.exists()


def test_the_event_list_filters_by_kind(log_in):
    EventFactory(kind="study", title="標準化の勉強会")
    EventFactory(kind="training", title="セキュリティ研修")
    page = log_in(member(Role.STAFF)).get("/events/?kind=training").content.decode()
    assert "セキュリティ研修" in page
    assert "標準化の勉強会" not in page


def test_an_advisor_records_attendance_with_the_checklist(log_in):
    start = timezone.now() - datetime.timedelta(days=1)
    event = EventFactory(starts_at=start, registration_deadline=start - datetime.timedelta(days=1))
    came, absent = registered(event, member(Role.STAFF)), registered(event, member(Role.STAFF))
    client = log_in(member(Role.ADVISOR))
    assert came.person.get_full_name() in client.get(f"/events/{event.pk}/attendance/").content.decode()
    response = client.post(f"/events/{event.pk}/attendance/", {"attended": [came.pk]}, follow=True)
    assert "出欠を記録しました（出席 1 人）。" in response.content.decode()
    assert dict(Registration.objects.values_list("pk", "attended")) == {came.pk: True, absent.pk: False}


def test_an_attendee_answers_the_follow_up_once_and_a_second_submit_is_refused(log_in):
    start = timezone.now() - datetime.timedelta(days=1)
    event = EventFactory(starts_at=start, registration_deadline=start - datetime.timedelta(days=1))
    person = member(Role.STAFF)
    registration = registered(event, person, attended=True)
    client = log_in(person)
    assert "参加後アンケートに回答する" in client.get(f"/events/{event.pk}/").content.decode()
    url = f"/events/registrations/{registration.pk}/follow-up/"
    client.post(url, {"satisfaction": "5", "next_action": "工程表を作る", "topics_wanted": "費用按分"})
    again = client.post(url, {"satisfaction": "1"})
    assert again.status_code == 200
    assert "参加後アンケートは回答済みです。回答は1回だけです。" in again.content.decode()
    assert FollowUp.objects.get().satisfaction == 5
    summary = log_in(member(Role.STAFF)).get(f"/events/{event.pk}/summary/").content.decode()
    assert "回答 1 件、満足度の平均 5.0（5点満点）" in summary
    assert "工程表を作る" in summary and "費用按分" in summary
    assert person.get_full_name() not in summary


def test_a_case_study_offers_a_visit_and_the_host_accepts_with_dates(log_in, client):
    home_page()
    requester, host = member(Role.STAFF), member(Role.STAFF)
    advisor = member(Role.ADVISOR)
    case = case_study(title="基幹系の共同利用", municipalities=[host.current_membership.municipality])
    page = log_in(requester).get(case.get_url()).content.decode()
    assert "視察を申し込む" in page
    assert f"/events/visits/new/?case={case.pk}" in page
    response = client.post(
        f"/events/visits/new/?case={case.pk}",
        {"requested_dates": "2月上旬", "purpose": "運用体制を見たい", "people": "3"},
        follow=True,
    )
    assert "視察を申し込みました。" in response.content.decode()
    visit = VisitRequest.objects.get()
    assert (visit.host, visit.case_title) == (host.current_membership.municipality, "基幹系の共同利用")
    run_tasks()
    assert Notification.objects.filter(recipient=host, kind="events_visit_requested").exists()
    assert Notification.objects.filter(recipient=advisor, kind="events_visit_requested").exists()

    log_in(advisor).post(f"/events/visits/{visit.pk}/join/")
    log_in(host).post(f"/events/visits/{visit.pk}/accept/", {"proposed_dates": "2月5日（金）午後"})
    visit.refresh_from_db()
    assert visit.state == "accepted"
    run_tasks()
    told = set(Notification.objects.filter(kind="events_visit_decided").values_list("recipient", flat=True))
    assert told == {requester.pk, advisor.pk}
    again = log_in(host).post(f"/events/visits/{visit.pk}/decline/", {"reason": "都合"})
    assert again.status_code == 404


def test_a_case_study_of_ones_own_municipality_offers_no_visit(log_in):
    home_page()
    staff = member(Role.STAFF)
    case = case_study(title="自団体の事例", municipalities=[staff.current_membership.municipality])
    assert "視察を申し込む" not in log_in(staff).get(case.get_url()).content.decode()


def test_a_material_downloads_as_an_attachment(log_in, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from events import services
    from portal.uploads import check_uploads

    settings.PRIVATE_STORAGE_ROOT = tmp_path
    advisor = member(Role.ADVISOR)
    event = EventFactory()
    [upload] = check_uploads([SimpleUploadedFile("要点.csv", "項目,内容\n".encode())])
    item = services.material_upload(actor=advisor, event_id=event.pk, title="要点", upload=upload)
    response = log_in(member(Role.STAFF)).get(f"/events/materials/{item.pk}/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == "項目,内容\n".encode()


def test_an_advisor_creating_an_event_that_ends_before_it_starts_sees_the_message_and_keeps_the_input(log_in):
    client = log_in(member(Role.ADVISOR))
    data = {
        "kind": "training",
        "title": "情報セキュリティ研修",
        "starts_at": "2027-02-10T14:00",
        "ends_at": "2027-02-10T13:00",
        "registration_deadline": "2027-02-05T17:00",
        "audience": "all",
    }
    response = client.post("/events/new/", data)
    text = response.content.decode()
    assert response.status_code == 200
    assert "終了日時は開始日時より後にしてください。" in text
    assert 'value="情報セキュリティ研修"' in text
    data["ends_at"] = "2027-02-10T17:00"
    response = client.post("/events/new/", data, follow=True)
    assert "イベントを保存しました。" in response.content.decode()
    assert "下書きです。" in response.content.decode()


def _past_event():
    starts = timezone.now() - datetime.timedelta(days=7)
    return EventFactory(starts_at=starts, registration_deadline=starts - datetime.timedelta(days=3))


def test_an_advisor_links_a_past_event_to_a_page_pasted_from_the_address_bar(log_in, settings):
    settings.ALLOWED_HOSTS = ["madoguchi.example.jp"]
    event = _past_event()
    page = case_study(title="共同調達の事例")
    client = log_in(event.organiser)
    response = client.post(
        f"/events/{event.pk}/outcomes/",
        {"kind": "other", "title": "勉強会で紹介した事例", "url": f"https://madoguchi.example.jp{page.url}"},
        HTTP_HOST="madoguchi.example.jp",
        follow=True,
    )
    text = response.content.decode()
    assert "つながった取組を追加しました。" in text
    assert f'<a href="{page.url}">勉強会で紹介した事例</a>' in text
    assert list(event.outcomes.values_list("url", flat=True)) == [page.url]


def test_an_outcome_that_leads_nowhere_is_refused_on_the_page_with_what_was_typed(log_in):
    event = _past_event()
    client = log_in(event.organiser)
    response = client.post(
        f"/events/{event.pk}/outcomes/",
        {"kind": "knowhow", "title": "LGWAN端末でのWeb会議", "url": "/knowhw/12/"},
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "<title>エラー：" in text
    assert "このサイトにそのページはありません。URLを確かめてください。" in text
    assert 'value="LGWAN端末でのWeb会議"' in text and 'value="/knowhw/12/"' in text
    assert not event.outcomes.exists()


def test_a_member_of_staff_cannot_add_an_outcome(log_in):
    event = _past_event()
    response = log_in(member(Role.STAFF)).post(
        f"/events/{event.pk}/outcomes/", {"kind": "other", "title": "x", "url": "/knowhow/"}
    )
    assert response.status_code == 404
    assert not event.outcomes.exists()


def test_a_consultation_an_event_led_to_is_listed_only_to_those_who_can_open_it(log_in, client):
    town = MunicipalityFactory()
    c = consultation(member(Role.STAFF, town))
    event = _past_event()
    services.outcome_add(
        actor=event.organiser,
        event_id=event.pk,
        kind="consultation",
        title="勉強会の後の相談",
        url=f"/consultations/{c.reference}/",
    )
    assert "勉強会の後の相談" in log_in(member(Role.STAFF, town)).get(f"/events/{event.pk}/").content.decode()
    client.logout()
    other = log_in(member(Role.STAFF, MunicipalityFactory())).get(f"/events/{event.pk}/").content.decode()
    assert "勉強会の後の相談" not in other and c.reference not in other


def test_an_advisor_takes_back_an_outcome_named_by_mistake_and_staff_cannot(log_in, client):
    event = _past_event()
    outcome = services.outcome_add(
        actor=event.organiser, event_id=event.pk, kind="other", title="誤って登録したページ", url="/knowhow/"
    )
    remove = f"/events/outcomes/{outcome.pk}/remove/"
    assert log_in(member(Role.STAFF)).post(remove).status_code == 404
    assert event.outcomes.exists()
    client.logout()
    text = log_in(event.organiser).post(remove, follow=True).content.decode()
    assert "「誤って登録したページ」をつながった取組から外しました。" in text
    assert not event.outcomes.exists()
