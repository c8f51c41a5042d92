"""FAQs from solved consultations: the masked draft, the owning municipality's consent (asked, given,
refused, withdrawn, lapsed by an edit), who sees the FAQ when, its views, and the desk page's offers."""

import pytest
from django.core.exceptions import PermissionDenied

from consultations import services as desk
from consultations.models import Status
from knowhow import faq, services
from knowhow.models import ConsentState, Faq, Kind, PostState, VendorName
from portal.models import Membership, Notification, Role
from portal.uploads import check_uploads
from tests.consultations.conftest import pdf
from tests.factories import MunicipalityFactory, consultation, member, run_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"


@pytest.fixture
def solved(world):
    """A consultation 香芝市 filed and the advisor resolved, with things to mask on its public thread."""
    people = world["people"]
    asker, advisor = people["asker"], people["advisor"]
    VendorName.objects.create(name="株式会社奈良システム", aliases="奈良シス")
    c = consultation(
        asker,
        title="香芝市の住民記録システム更改の見積",
        body="<p>奈良システム株式会社から1,200万円の見積が届きました。担当は情報政策課（0745-76-2001）です。</p>",
    )
    desk.consultation_assign(consultation_id=c.pk, actor=advisor, assignee=advisor)
    desk.message_post(
        consultation_id=c.pk,
        actor=advisor,
        body=f"{asker.last_name}さん、河合町では800万円でした。仕様を分けて見積を取り直してください。",
    )
    desk.message_post(consultation_id=c.pk, actor=advisor, body="内部メモ：ベンダーの言い値", internal=True)
    desk.consultation_transition(consultation_id=c.pk, actor=advisor, to=Status.RESOLVED)
    c.refresh_from_db()
    return c


def make(solved, advisor, **fields):
    values = {"title": "住民記録システム更改の見積が高いとき", "body": "仕様を分けて見積を取り直します。"}
    return faq.faq_create(actor=advisor, source="consultation", source_pk=solved.pk, **{**values, **fields})


def asked(solved, advisor):
    post = make(solved, advisor)
    faq.faq_request_consent(post_id=post.pk, actor=advisor)
    post.refresh_from_db()
    return post


def consented(solved, people):
    post = asked(solved, people["advisor"])
    faq.faq_consent(post_id=post.pk, actor=people["asker"], version=post.version)
    post.refresh_from_db()
    return post


# --- The offer on the consultation page -------------------------------------------------------------


def test_an_advisor_is_offered_to_publish_a_resolved_consultation_as_a_faq(client, log_in, world, solved):
    log_in(world["people"]["advisor"])
    page = client.get(f"/consultations/{solved.reference}/").content.decode()
    assert "FAQとして公開" in page
    assert f'href="/knowhow/faq/new/consultation/{solved.pk}/"' in page


def test_no_faq_is_offered_on_an_open_consultation_nor_to_staff(client, log_in, world, solved):
    people = world["people"]
    open_one = consultation(people["asker"], title="まだ対応中の相談")
    log_in(people["advisor"])
    assert "FAQとして公開" not in client.get(f"/consultations/{open_one.reference}/").content.decode()
    log_in(people["asker"])
    assert "FAQとして公開" not in client.get(f"/consultations/{solved.reference}/").content.decode()


def test_once_made_the_consultation_offers_the_faq_instead_of_a_second(client, log_in, world, solved):
    advisor = world["people"]["advisor"]
    post = make(solved, advisor)
    log_in(advisor)
    page = client.get(f"/consultations/{solved.reference}/").content.decode()
    assert "FAQとして公開" not in page
    assert "FAQを見る" in page and f'href="/knowhow/{post.pk}/"' in page
    response = client.get(f"/knowhow/faq/new/consultation/{solved.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/knowhow/{post.pk}/"


# --- The masked draft ----------------------------------------------------------------------------


def test_the_draft_masks_municipalities_people_vendors_amounts_and_phones(client, log_in, world, solved):
    log_in(world["people"]["advisor"])
    response = client.get(f"/knowhow/faq/new/consultation/{solved.pk}/")
    assert response.status_code == 200
    form = response.context["form"]
    title, body = form.initial["title"], form.initial["body"]
    assert title == "［〇〇市］の住民記録システム更改の見積"
    assert "［事業者名］から［金額］の見積" in body
    assert "［電話番号］" in body
    assert "［氏名］さん、［〇〇町］では［金額］でした。" in body
    for secret in (
        "香芝市",
        "河合町",
        "奈良システム",
        "1,200万円",
        "0745-76-2001",
        world["people"]["asker"].last_name,
    ):
        assert secret not in title + body, secret
    page = response.content.decode()
    assert "市町村名 2 件" in page and "金額 2 件" in page and "事業者名 1 件" in page
    assert "氏名 1 件" in page and "電話番号 1 件" in page


def test_the_draft_never_carries_internal_notes(client, log_in, world, solved):
    log_in(world["people"]["advisor"])
    body = client.get(f"/knowhow/faq/new/consultation/{solved.pk}/").context["form"].initial["body"]
    assert "ベンダーの言い値" not in body and "内部メモ" not in body


def test_saving_the_draft_makes_one_faq_post_by_the_advisor_even_when_submitted_twice(
    client, log_in, world, solved
):
    advisor = world["people"]["advisor"]
    log_in(advisor)
    data = {"title": "見積が高いとき", "body": "［〇〇市］の例です。", "tags": "住民記録"}
    first = client.post(f"/knowhow/faq/new/consultation/{solved.pk}/", data)
    second = client.post(f"/knowhow/faq/new/consultation/{solved.pk}/", data)
    record = Faq.objects.get()
    post = record.post
    assert first["Location"] == second["Location"] == f"/knowhow/{post.pk}/"
    assert post.kind == Kind.FAQ and post.state == PostState.DRAFT and post.author == advisor
    assert record.owner == world["kashiba"] and record.owner_contact == world["people"]["asker"]
    assert record.label == solved.reference and record.consent == ConsentState.NOT_ASKED
    assert record.masked == {"MUNICIPALITY": 2, "PERSON": 1, "VENDOR": 1, "AMOUNT": 2, "PHONE": 1}


def test_the_draft_form_keeps_what_was_typed_and_says_what_is_wrong(client, log_in, world, solved):
    log_in(world["people"]["advisor"])
    response = client.post(f"/knowhow/faq/new/consultation/{solved.pk}/", {"title": "", "body": "残す本文"})
    assert response.status_code == 200
    assert "タイトルを入力してください。" in response.content.decode()
    assert "残す本文" in response.content.decode()
    assert not Faq.objects.exists()


def test_staff_may_not_make_a_faq_and_an_open_consultation_cannot_become_one(client, log_in, world, solved):
    people = world["people"]
    log_in(people["asker"])
    assert client.get(f"/knowhow/faq/new/consultation/{solved.pk}/").status_code == 404
    open_one = consultation(people["asker"])
    log_in(people["advisor"])
    assert client.get(f"/knowhow/faq/new/consultation/{open_one.pk}/").status_code == 404
    assert client.get("/knowhow/faq/new/unknown/1/").status_code == 404
    with pytest.raises(PermissionDenied):
        make(open_one, people["advisor"])


# --- Consent ---------------------------------------------------------------------------------------


def test_the_draft_is_the_advisors_until_consent_is_asked(client, log_in, world, solved):
    people = world["people"]
    post = make(solved, people["advisor"])
    other_advisor = member(Role.ADVISOR)
    log_in(other_advisor)
    assert client.get(f"/knowhow/{post.pk}/").status_code == 200
    for who in ("asker", "colleague", "answerer", "official"):
        log_in(people[who])
        assert client.get(f"/knowhow/{post.pk}/").status_code == 404, who


def test_asking_for_consent_notifies_the_requester_and_the_municipalitys_staff_only(world, solved):
    people = world["people"]
    post = asked(solved, people["advisor"])
    run_tasks()
    told = set(Notification.objects.filter(kind=faq.CONSENT_REQUESTED).values_list("recipient", flat=True))
    assert told == {people["asker"].pk, people["colleague"].pk}
    assert Notification.objects.get(recipient=people["colleague"]).url == f"/knowhow/{post.pk}/#consent"


def test_while_asked_the_municipalitys_staff_read_the_draft_and_others_do_not(client, log_in, world, solved):
    people = world["people"]
    post = asked(solved, people["advisor"])
    log_in(people["colleague"])
    page = client.get(f"/knowhow/{post.pk}/").content.decode()
    assert "公開に同意する" in page and "同意しない" in page
    for who in ("answerer", "official", "third"):
        log_in(people[who])
        assert client.get(f"/knowhow/{post.pk}/").status_code == 404, who


def test_consent_publishes_the_faq_for_everyone_and_tells_the_advisor(client, log_in, world, solved):
    people = world["people"]
    post = asked(solved, people["advisor"])
    log_in(people["colleague"])
    response = client.post(f"/knowhow/{post.pk}/faq/consent/", {"version": post.version})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.is_published and post.faq.consent == ConsentState.GIVEN
    log_in(people["answerer"])
    page = client.get(f"/knowhow/{post.pk}/").content.decode()
    assert post.title in page
    assert "公開への同意" not in page  # who consented names the municipality: not for others
    run_tasks()
    assert Notification.objects.filter(recipient=people["advisor"], kind=faq.CONSENT_DECIDED).count() == 1


def test_consent_is_to_the_text_read_a_text_changed_meanwhile_is_not_consented(client, log_in, world, solved):
    people = world["people"]
    post = asked(solved, people["advisor"])
    seen = post.version
    services.post_update(
        post_id=post.pk,
        actor=people["advisor"],
        kind=Kind.FAQ,
        title=post.title,
        body=post.body + "\n追記",
        anonymous=False,
    )
    log_in(people["asker"])
    response = client.post(f"/knowhow/{post.pk}/faq/consent/", {"version": seen})
    assert response.status_code == 404  # the edit lapsed the request: there is nothing to consent to
    post.refresh_from_db()
    assert post.is_draft and post.faq.consent == ConsentState.LAPSED


def test_a_stale_consent_form_is_refused_with_a_message(world, solved):
    from knowhow.services import KnowhowError

    people = world["people"]
    post = asked(solved, people["advisor"])
    with pytest.raises(KnowhowError):
        faq.faq_consent(post_id=post.pk, actor=people["asker"], version=post.version - 1)


def test_refusing_needs_a_reason_which_the_advisor_reads(client, log_in, world, solved):
    people = world["people"]
    post = asked(solved, people["advisor"])
    log_in(people["asker"])
    response = client.post(f"/knowhow/{post.pk}/faq/refuse/", {"refuse-reason": ""})
    assert response.status_code == 200
    assert "理由を入力してください。" in response.content.decode()
    client.post(f"/knowhow/{post.pk}/faq/refuse/", {"refuse-reason": "庁内の了解がまだ取れていません。"})
    post.refresh_from_db()
    assert post.is_draft and post.faq.consent == ConsentState.REFUSED
    log_in(people["advisor"])
    assert "庁内の了解がまだ取れていません。" in client.get(f"/knowhow/{post.pk}/").content.decode()
    run_tasks()
    assert Notification.objects.filter(recipient=people["advisor"], kind=faq.CONSENT_DECIDED).exists()


def test_the_advisor_may_ask_again_after_a_refusal_and_every_decision_is_kept(world, solved):
    people = world["people"]
    post = asked(solved, people["advisor"])
    faq.faq_refuse(post_id=post.pk, actor=people["asker"], reason="氏名が残っています。")
    faq.faq_request_consent(post_id=post.pk, actor=people["advisor"])
    post.refresh_from_db()
    faq.faq_consent(post_id=post.pk, actor=people["colleague"], version=post.version)
    decisions = list(post.faq.decisions.values_list("decision", "reason"))
    assert decisions == [
        (ConsentState.REQUESTED, ""),
        (ConsentState.REFUSED, "氏名が残っています。"),
        (ConsentState.REQUESTED, ""),
        (ConsentState.GIVEN, ""),
    ]


def test_withdrawing_consent_unpublishes_the_faq_and_tells_the_advisor(client, log_in, world, solved):
    people = world["people"]
    post = consented(solved, people)
    log_in(people["answerer"])
    assert client.get(f"/knowhow/{post.pk}/").status_code == 200
    log_in(people["colleague"])
    response = client.post(f"/knowhow/{post.pk}/faq/withdraw/", {"withdraw-reason": "議会で説明前のため。"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert not post.is_published and post.faq.consent == ConsentState.WITHDRAWN
    log_in(people["answerer"])
    assert client.get(f"/knowhow/{post.pk}/").status_code == 404
    assert post.title not in client.get("/knowhow/").content.decode()
    log_in(people["advisor"])
    assert "議会で説明前のため。" in client.get(f"/knowhow/{post.pk}/").content.decode()
    run_tasks()
    assert Notification.objects.filter(recipient=people["advisor"], kind=faq.CONSENT_DECIDED).count() == 2


def test_withdrawing_needs_a_reason(world, solved):
    from knowhow.services import KnowhowError

    people = world["people"]
    post = consented(solved, people)
    with pytest.raises(KnowhowError):
        faq.faq_withdraw(post_id=post.pk, actor=people["asker"], reason="  ")
    post.refresh_from_db()
    assert post.is_published


def test_another_municipalitys_staff_may_not_consent_refuse_or_withdraw(client, log_in, world, solved):
    people = world["people"]
    post = asked(solved, people["advisor"])
    log_in(people["answerer"])
    assert client.post(f"/knowhow/{post.pk}/faq/consent/", {"version": post.version}).status_code == 404
    assert client.post(f"/knowhow/{post.pk}/faq/refuse/", {"refuse-reason": "x"}).status_code == 404
    post.refresh_from_db()
    assert post.faq.consent == ConsentState.REQUESTED


def moved_away(person):
    """The person leaves their municipality's staff for another municipality's."""
    person.memberships.update(state=Membership.State.ENDED)
    Membership.objects.create(
        user=person, role=Role.STAFF, municipality=MunicipalityFactory(), state=Membership.State.ACTIVE
    )
    person.__dict__.pop("_current_membership", None)


def test_a_requester_who_moved_to_another_municipality_no_longer_reads_or_decides(
    client, log_in, world, solved
):
    people = world["people"]
    post = asked(solved, people["advisor"])
    asker = people["asker"]
    moved_away(asker)
    log_in(asker)
    assert client.get(f"/knowhow/{post.pk}/").status_code == 404
    assert client.post(f"/knowhow/{post.pk}/faq/consent/", {"version": post.version}).status_code == 404
    with pytest.raises(PermissionDenied):
        faq.faq_consent(post_id=post.pk, actor=asker, version=post.version)
    post.refresh_from_db()
    assert post.is_draft and post.faq.consent == ConsentState.REQUESTED
    faq.faq_consent(post_id=post.pk, actor=people["colleague"], version=post.version)
    post.refresh_from_db()
    assert post.is_published
    with pytest.raises(PermissionDenied):
        faq.faq_withdraw(post_id=post.pk, actor=asker, reason="もう担当ではありません。")


def test_a_requester_who_moved_away_is_not_asked_and_one_who_stays_is_asked_first(world, solved):
    people = world["people"]
    post = make(solved, people["advisor"])
    assert faq.consenters(post.faq) == [people["asker"], people["colleague"]]
    moved_away(people["asker"])
    assert faq.consenters(post.faq) == [people["colleague"]]
    faq.faq_request_consent(post_id=post.pk, actor=people["advisor"])
    run_tasks()
    told = set(Notification.objects.filter(kind=faq.CONSENT_REQUESTED).values_list("recipient", flat=True))
    assert told == {people["colleague"].pk}


def test_the_author_cannot_publish_a_faq_without_consent(client, log_in, world, solved):
    advisor = world["people"]["advisor"]
    post = make(solved, advisor)
    log_in(advisor)
    assert client.post(f"/knowhow/{post.pk}/publish/").status_code == 404
    assert "公開する</button>" not in client.get(f"/knowhow/{post.pk}/").content.decode()
    post.refresh_from_db()
    assert post.is_draft


def test_editing_a_published_faqs_text_unpublishes_it_until_consent_is_given_again(world, solved):
    people = world["people"]
    post = consented(solved, people)
    services.post_update(
        post_id=post.pk,
        actor=people["advisor"],
        kind=Kind.FAQ,
        title=post.title,
        body="書き直した本文",
        anonymous=False,
    )
    post.refresh_from_db()
    assert post.is_draft and post.faq.consent == ConsentState.LAPSED
    faq.faq_request_consent(post_id=post.pk, actor=people["advisor"])
    post.refresh_from_db()
    faq.faq_consent(post_id=post.pk, actor=people["asker"], version=post.version)
    post.refresh_from_db()
    assert post.is_published and post.faq.decisions.last().body == "書き直した本文"


def test_changing_only_tags_keeps_the_consent(world, solved):
    people = world["people"]
    post = consented(solved, people)
    services.post_update(
        post_id=post.pk,
        actor=people["advisor"],
        kind=Kind.FAQ,
        title=post.title,
        body=post.body,
        tags=["住民記録"],
        anonymous=False,
    )
    post.refresh_from_db()
    assert post.is_published and post.faq.consent == ConsentState.GIVEN


# --- The published FAQ -----------------------------------------------------------------------------


def test_views_are_counted_once_per_person_a_day_and_never_the_authors(client, log_in, world, solved):
    people = world["people"]
    post = consented(solved, people)
    for who in ("answerer", "answerer", "third", "advisor"):
        log_in(people[who])
        client.get(f"/knowhow/{post.pk}/")
    assert faq.view_count(post.faq) == 2
    log_in(people["third"])
    page = client.get(f"/knowhow/{post.pk}/").content.decode()
    assert "2 回" in page and "役に立った：0" in page


def test_a_draft_is_not_counted_as_viewed(client, log_in, world, solved):
    people = world["people"]
    post = asked(solved, people["advisor"])
    log_in(people["asker"])
    client.get(f"/knowhow/{post.pk}/")
    assert faq.view_count(post.faq) == 0


def test_the_link_back_to_the_consultation_is_for_advisors_only(client, log_in, world, solved):
    people = world["people"]
    post = consented(solved, people)
    link = f'href="/consultations/{solved.reference}/"'
    log_in(people["advisor"])
    assert link in client.get(f"/knowhow/{post.pk}/").content.decode()
    for who in ("asker", "answerer", "official"):
        log_in(people[who])
        page = client.get(f"/knowhow/{post.pk}/").content.decode()
        assert link not in page and solved.reference not in page, who


def test_a_published_faq_is_listed_as_a_faq_and_marked_helpful_like_any_post(client, log_in, world, solved):
    people = world["people"]
    post = consented(solved, people)
    log_in(people["answerer"])
    assert post.title in client.get("/knowhow/?kind=faq").content.decode()
    assert post.title not in client.get("/knowhow/?kind=tip").content.decode()
    client.post(f"/knowhow/{post.pk}/helpful/")
    assert post.helpful.count() == 1


def test_advisors_keep_the_vendor_names_in_the_admin(client, log_in, world):
    VendorName.objects.create(name="株式会社奈良システム")
    log_in(world["people"]["advisor"])
    listing = client.get("/admin/snippets/knowhow/vendorname/")
    assert listing.status_code == 200 and "株式会社奈良システム" in listing.content.decode()
    client.force_login(world["people"]["asker"])
    assert client.get("/admin/snippets/knowhow/vendorname/").status_code == 302


def test_a_hidden_faq_whose_text_changes_waits_for_consent_not_for_a_moderator(world, solved):
    from knowhow import moderation

    people = world["people"]
    post = consented(solved, people)
    for reader in (people["answerer"], people["third"], people["official"]):
        moderation.flag_create(actor=reader, post_id=post.pk, reason="personal_data")
    post.refresh_from_db()
    assert post.is_hidden
    services.post_update(
        post_id=post.pk,
        actor=people["advisor"],
        kind=Kind.FAQ,
        title=post.title,
        body="氏名を消した本文",
        anonymous=False,
    )
    post.refresh_from_db()
    assert post.is_draft and post.faq.consent == ConsentState.LAPSED


# --- Revisions -------------------------------------------------------------------------------------


def republished_after_an_edit(solved, people, body="［氏名］さんの例です。"):
    """A consented FAQ whose text the advisor changed (kept as a revision), consented again."""
    post = consented(solved, people)
    services.post_update(
        post_id=post.pk, actor=people["advisor"], kind=Kind.FAQ, title=post.title, body=body, anonymous=False
    )
    faq.faq_request_consent(post_id=post.pk, actor=people["advisor"])
    post.refresh_from_db()
    faq.faq_consent(post_id=post.pk, actor=people["asker"], version=post.version)
    post.refresh_from_db()
    return post


def test_a_published_faqs_revisions_are_for_advisors_and_the_owning_municipality_only(
    client, log_in, world, solved
):
    people = world["people"]
    post = republished_after_an_edit(solved, people)
    assert post.is_published and post.revisions.exists()
    for who in ("advisor", "asker", "colleague"):
        log_in(people[who])
        assert client.get(f"/knowhow/{post.pk}/revisions/").status_code == 200, who
        assert f'href="/knowhow/{post.pk}/revisions/"' in client.get(f"/knowhow/{post.pk}/").content.decode()
    log_in(member(Role.ADVISOR))
    assert client.get(f"/knowhow/{post.pk}/revisions/").status_code == 200
    for who in ("answerer", "third", "official"):
        log_in(people[who])
        assert client.get(f"/knowhow/{post.pk}/revisions/").status_code == 404, who
        page = client.get(f"/knowhow/{post.pk}/").content.decode()
        assert f"/knowhow/{post.pk}/revisions/" not in page and "変更履歴" not in page, who


# --- What else a published FAQ shows: files and sources -----------------------------------------------


def test_a_new_file_on_a_published_faq_lapses_its_consent_and_others_get_404_for_it(
    client, log_in, world, solved
):
    people = world["people"]
    post = consented(solved, people)
    services.post_update(
        post_id=post.pk,
        actor=people["advisor"],
        kind=Kind.FAQ,
        title=post.title,
        body=post.body,
        anonymous=False,
        uploads=check_uploads([pdf()]),
    )
    post.refresh_from_db()
    assert post.is_draft and post.faq.consent == ConsentState.LAPSED
    assert post.faq.decisions.last().decision == ConsentState.LAPSED
    attachment = post.attachments.get()
    for who in ("answerer", "third", "official", "asker"):
        log_in(people[who])
        assert client.get(f"/knowhow/files/{attachment.pk}/").status_code == 404, who
    log_in(people["advisor"])
    assert client.get(f"/knowhow/files/{attachment.pk}/").status_code == 200


def test_a_new_file_on_a_faq_waiting_for_consent_lapses_the_request(world, solved):
    people = world["people"]
    post = asked(solved, people["advisor"])
    services.post_update(
        post_id=post.pk,
        actor=people["advisor"],
        kind=Kind.FAQ,
        title=post.title,
        body=post.body,
        anonymous=False,
        uploads=check_uploads([pdf()]),
    )
    post.refresh_from_db()
    assert post.is_draft and post.faq.consent == ConsentState.LAPSED
    with pytest.raises(PermissionDenied):
        faq.faq_consent(post_id=post.pk, actor=people["asker"], version=post.version)


def test_a_new_source_on_a_published_faq_lapses_its_consent(client, log_in, world, solved):
    people = world["people"]
    post = consented(solved, people)
    log_in(people["advisor"])
    client.post(f"/knowhow/{post.pk}/sources/", {"source-kind": "law", "source-title": "地方自治法"})
    post.refresh_from_db()
    assert post.sources.count() == 1
    assert post.is_draft and post.faq.consent == ConsentState.LAPSED
    log_in(people["answerer"])
    assert client.get(f"/knowhow/{post.pk}/").status_code == 404


def test_the_advisor_is_told_before_a_change_lapses_the_consent(client, log_in, world, solved):
    people = world["people"]
    warning = "同意は失効します"
    post = make(solved, people["advisor"])
    log_in(people["advisor"])
    assert warning not in client.get(f"/knowhow/{post.pk}/edit/").content.decode()
    faq.faq_request_consent(post_id=post.pk, actor=people["advisor"])
    assert warning in client.get(f"/knowhow/{post.pk}/edit/").content.decode()
    assert warning in client.get(f"/knowhow/{post.pk}/").content.decode()
    log_in(people["asker"])
    assert warning not in client.get(f"/knowhow/{post.pk}/").content.decode()


def test_a_file_on_a_faq_not_yet_asked_about_needs_no_consent_yet(world, solved):
    people = world["people"]
    post = make(solved, people["advisor"])
    services.source_add(post_id=post.pk, actor=people["advisor"], kind="law", title="地方自治法")
    post.refresh_from_db()
    assert post.faq.consent == ConsentState.NOT_ASKED and not post.faq.decisions.exists()


# --- A second click ---------------------------------------------------------------------------------


def second_click(client, url, data, post):
    """The same button pressed again: back to the FAQ with a note, not a 404."""
    decisions = post.faq.decisions.count()
    response = client.post(url, data, follow=True)
    assert response.redirect_chain == [(f"/knowhow/{post.pk}/", 302)]
    assert post.faq.decisions.count() == decisions
    return [str(message) for message in response.context["messages"]]


def test_asking_for_consent_twice_asks_once(client, log_in, world, solved):
    people = world["people"]
    post = make(solved, people["advisor"])
    log_in(people["advisor"])
    url = f"/knowhow/{post.pk}/faq/request-consent/"
    client.post(url, follow=True)
    assert second_click(client, url, {}, post) == ["公開への同意は、すでに依頼済みです。"]
    log_in(member(Role.ADVISOR))
    assert second_click(client, url, {}, post) == ["公開への同意は、すでに依頼済みです。"]
    run_tasks()
    assert Notification.objects.filter(kind=faq.CONSENT_REQUESTED).count() == 2


def test_consenting_twice_consents_once(client, log_in, world, solved):
    people = world["people"]
    post = asked(solved, people["advisor"])
    log_in(people["asker"])
    url, data = f"/knowhow/{post.pk}/faq/consent/", {"version": post.version}
    client.post(url, data, follow=True)
    assert second_click(client, url, data, post) == ["このFAQの公開には、すでに同意済みです。"]
    log_in(people["colleague"])
    assert second_click(client, url, data, post) == ["このFAQの公開には、すでに同意済みです。"]
    post.refresh_from_db()
    assert post.is_published


def test_refusing_twice_refuses_once(client, log_in, world, solved):
    people = world["people"]
    post = asked(solved, people["advisor"])
    log_in(people["asker"])
    url, data = f"/knowhow/{post.pk}/faq/refuse/", {"refuse-reason": "まだです。"}
    client.post(url, data, follow=True)
    assert second_click(client, url, data, post) == [
        "このFAQの公開には同意しないことを、すでに伝えてあります。"
    ]


def test_withdrawing_twice_withdraws_once_and_the_municipality_still_reads_its_faq(
    client, log_in, world, solved
):
    people = world["people"]
    post = consented(solved, people)
    log_in(people["colleague"])
    url, data = f"/knowhow/{post.pk}/faq/withdraw/", {"withdraw-reason": "議会で説明前のため。"}
    first = client.post(url, data, follow=True)
    assert first.status_code == 200 and "議会で説明前のため。" in first.content.decode()
    assert second_click(client, url, data, post) == ["このFAQの公開への同意は、すでに撤回済みです。"]
    run_tasks()
    assert Notification.objects.filter(kind=faq.CONSENT_DECIDED, params__decision="withdrawn").count() == 1


def test_a_second_click_by_someone_who_could_not_decide_is_still_404(client, log_in, world, solved):
    people = world["people"]
    post = consented(solved, people)
    for who in ("answerer", "advisor"):
        log_in(people[who])
        assert client.post(f"/knowhow/{post.pk}/faq/consent/", {"version": post.version}).status_code == 404


# --- Any advisor edits ------------------------------------------------------------------------------


def test_any_advisor_may_edit_a_faq_to_take_out_a_leftover_name(client, log_in, world, solved):
    people = world["people"]
    post = make(solved, people["advisor"], body="山田さんに聞きました。")
    other = member(Role.ADVISOR)
    log_in(other)
    assert client.get(f"/knowhow/{post.pk}/edit/").status_code == 200
    response = client.post(
        f"/knowhow/{post.pk}/edit/",
        {
            "title": post.title,
            "body": "［氏名］さんに聞きました。",
            "version": post.version,
            "review_months": 12,
        },
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body == "［氏名］さんに聞きました。" and post.author == people["advisor"]
    assert post.revisions.get().edited_by == other
    for who in ("asker", "answerer", "official"):
        log_in(people[who])
        assert client.get(f"/knowhow/{post.pk}/edit/").status_code == 404, who


# --- Notices ------------------------------------------------------------------------------------------


def test_a_decided_notice_of_an_unknown_decision_is_an_error_not_a_consent():
    with pytest.raises(KeyError):
        faq._decided_message({"decision": "lapsed", "title": "FAQ"})
