"""What staff must never see on the desk's pages, CSV and mail; bad input; the queue's queries.
(Every desk URL against every persona is in tests/security/test_desk_url_access.py.)"""

import csv
import io
import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultations import services
from consultations.models import Consultation, Message, Status
from portal.models import Membership, Notification, Role
from tests.factories import MunicipalityFactory, consultation, member, run_tasks

pytestmark = pytest.mark.django_db


def csv_body(response) -> str:
    """The streamed CSV as text (the export streams: read it whole, as a browser does)."""
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_internal_notes_never_reach_staff_on_the_page(client, log_in, desk):
    log_in(desk["people"]["staff_own"])
    page = client.get(reverse("consultations:detail", args=[desk["c"].reference])).content.decode()
    assert "回答：共同調達をお勧めします" in page
    assert "ベンダーAの見積" not in page
    assert "内部資料.pdf" not in page
    assert "仕様書.pdf" in page


def test_advisors_see_internal_notes_on_the_page(client, log_in, desk):
    log_in(desk["people"]["advisor"])
    page = client.get(reverse("consultations:detail", args=[desk["c"].reference])).content.decode()
    assert "ベンダーAの見積" in page and "内部資料.pdf" in page


def test_internal_notes_never_reach_staff_by_mail_or_notification(desk):
    mail.outbox.clear()
    run_tasks()
    staff = desk["people"]["staff_own"]
    staff_notices = list(Notification.objects.filter(recipient=staff).values_list("text", flat=True))
    staff_mail = [m for m in mail.outbox if staff.email in m.to]
    assert staff_notices and staff_mail  # the public reply did reach them
    assert not any("内部メモ" in text for text in staff_notices)
    assert not any("ベンダーA" in m.body or "内部メモ" in m.subject for m in staff_mail)
    assert Notification.objects.filter(key=f"message:{desk['note'].pk}").count() == 0  # no other advisor


def test_internal_notes_never_reach_staff_in_the_csv(client, log_in, desk):
    log_in(desk["people"]["staff_own"])
    body = csv_body(client.get(reverse("consultations:export")))
    assert desk["c"].reference in body
    assert "ベンダーA" not in body


def test_csv_export_starts_with_a_bom_and_keeps_japanese(client, log_in, desk):
    log_in(desk["people"]["advisor"])
    response = client.get(reverse("consultations:export"))
    content = b"".join(response.streaming_content)
    assert content.startswith("\ufeff".encode())
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0][0] == "受付番号"
    assert rows[1][:2] == [desk["c"].reference, "住民記録システムの更改"]
    assert rows[1][5] == "香芝市"


def test_staff_see_only_their_municipality_in_the_queue_and_csv(client, log_in, desk):
    consultation(desk["people"]["staff_other"], title="河合町の相談")
    log_in(desk["people"]["staff_own"])
    page = client.get(reverse("consultations:queue")).content.decode()
    assert desk["c"].reference in page and "河合町の相談" not in page
    assert "河合町の相談" not in csv_body(client.get(reverse("consultations:export")))


def test_extra_post_fields_are_ignored_when_filing(client, log_in, desk):
    staff = desk["people"]["staff_own"]
    log_in(staff)
    response = client.post(
        reverse("consultations:new"),
        {
            "title": "ネットワーク分離の相談",
            "body": "LGWAN接続系の分離について",
            "category": "security",
            "priority": "normal",
            "municipality": desk["other"].pk,
            "municipalities": desk["other"].pk,
            "status": "closed",
            "requester": desk["people"]["advisor"].pk,
            "assignee": desk["people"]["advisor"].pk,
            "reference": "C-1999-00001",
        },
    )
    assert response.status_code == 302
    filed = Consultation.objects.get(title="ネットワーク分離の相談")
    assert (filed.status, filed.requester, filed.assignee) == (Status.NEW, staff, None)
    assert list(filed.municipalities.all()) == [desk["own"]]
    assert filed.reference != "C-1999-00001"
    assert response["Location"] == reverse("consultations:detail", args=[filed.reference])


def test_extra_post_fields_are_ignored_when_replying(client, log_in, desk):
    staff = desk["people"]["staff_own"]
    log_in(staff)
    client.post(
        reverse("consultations:reply", args=[desk["c"].reference]),
        {"reply-body": "ありがとうございます", "internal": "1", "reply-internal": "on", "status": "closed"},
    )
    message = desk["c"].messages.latest("pk")
    assert (message.body, message.internal, message.author) == ("<p>ありがとうございます</p>", False, staff)
    assert Consultation.objects.get(pk=desk["c"].pk).status == Status.IN_PROGRESS


def test_a_stale_transition_form_shows_the_conflict_message(client, log_in, desk):
    advisor = desk["people"]["advisor"]
    log_in(advisor)
    stale_version = desk["c"].version
    services.consultation_transition(consultation_id=desk["c"].pk, actor=advisor, to=Status.WAITING)
    response = client.post(
        reverse("consultations:transition", args=[desk["c"].reference]),
        {"to": "resolved", "version": stale_version},
        follow=True,
    )
    assert "ほかの人が更新しました" in response.content.decode()
    assert Consultation.objects.get(pk=desk["c"].pk).status == Status.WAITING


def test_a_body_that_looks_like_a_my_number_is_held_back_with_a_warning(client, log_in, desk):
    log_in(desk["people"]["staff_own"])
    data = {
        "title": "住民の件",
        "body": "対象者 1234 5678 9018 の件",
        "category": "other",
        "priority": "normal",
    }
    response = client.post(reverse("consultations:new"), data)
    assert response.status_code == 200
    assert "マイナンバー（個人番号）と思われる12桁の数字" in response.content.decode()
    assert 'value="住民の件"' in response.content.decode()  # the form keeps what was typed
    assert not Consultation.objects.filter(title="住民の件").exists()
    confirmed = client.post(reverse("consultations:new"), {**data, "not_a_personal_number": "on"})
    assert confirmed.status_code == 302


def test_a_title_that_looks_like_a_my_number_is_held_back_too(client, log_in, desk):
    log_in(desk["people"]["staff_own"])
    data = {"title": "123456789018 の件", "body": "住民の件", "category": "other", "priority": "normal"}
    response = client.post(reverse("consultations:new"), data)
    assert response.status_code == 200
    assert "マイナンバー（個人番号）と思われる12桁の数字" in response.content.decode()
    assert not Consultation.objects.filter(body__contains="住民の件").exists()
    assert (
        client.post(reverse("consultations:new"), {**data, "not_a_personal_number": "on"}).status_code == 302
    )


def test_editing_a_reply_runs_the_my_number_guard(client, log_in, desk):
    advisor = desk["people"]["advisor"]
    log_in(advisor)
    url = reverse("consultations:edit_message", args=[desk["c"].reference, desk["reply"].pk])
    before = Message.objects.get(pk=desk["reply"].pk).body
    response = client.post(url, {"body": "対象者 1234 5678 9018 の件"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "マイナンバー（個人番号）と思われる12桁の数字" in page
    assert "1234 5678 9018" in page  # the form keeps what was typed
    assert Message.objects.get(pk=desk["reply"].pk).body == before
    confirmed = client.post(url, {"body": "対象者 1234 5678 9018 の件", "not_a_personal_number": "on"})
    assert confirmed.status_code == 302
    assert "1234 5678 9018" in Message.objects.get(pk=desk["reply"].pk).body


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("123456789018", True),
        ("１２３４５６７８９０１８", True),
        ("123456789012", False),
        ("電話 0745-12-3456", False),
    ],
)
def test_my_number_detection_uses_the_check_digit(text, expected):
    from portal.personal_data import looks_like_my_number

    assert looks_like_my_number(text) is expected


def _fill_queue(n, requester):
    areas = list(__import__("portal.models", fromlist=["SystemArea"]).SystemArea.objects.all()[:2])
    for i in range(n):
        consultation(requester, title=f"相談{i}", system_areas=areas, joint=[MunicipalityFactory()])


def queries_at_10_and_200(requester, read):
    """What ``read()`` (one request, read whole) returns and queries, with 10 and then 200 consultations."""
    _fill_queue(9, requester)
    read()  # warm caches (session, content types)
    with CaptureQueriesContext(connection) as with_10:
        at_10 = read()
    _fill_queue(190, requester)
    with CaptureQueriesContext(connection) as with_200:
        at_200 = read()
    return (with_10, at_10), (with_200, at_200)


def page_of(client, url):
    def read():
        response = client.get(url)
        assert response.status_code == 200
        return response.content.decode()

    return read


def counts_the_table(sql: str) -> bool:
    select, _, rest = sql.partition(" FROM ")
    return "COUNT(" in select and rest.startswith('"consultations_consultation"')


@pytest.mark.parametrize(
    ("persona", "queries"),
    # The request's own (session, user, membership; the advisor's second factor), the advisors (read
    # once for the filter's 担当 and the bulk form), the filter's other choices (system areas; municipalities
    # for an advisor), the kept counts, the page's rows in two parts (late, then the others) with their
    # municipalities and the unread badge's kinds. Nothing the table does not show: no requester, no
    # system areas.
    [("advisor", 12), ("staff_own", 10)],
)
def test_the_queue_makes_the_same_number_of_queries_for_10_and_200_consultations(
    client, log_in, desk, persona, queries
):
    log_in(desk["people"][persona])

    (with_10, _), (with_200, page) = queries_at_10_and_200(
        desk["people"]["staff_own"], page_of(client, reverse("consultations:queue"))
    )

    assert "相談 200 件" in page
    assert len(with_200) == len(with_10) == queries
    # Nor the consultations' text, which only the detail page shows.
    assert [q["sql"] for q in with_200 if '"consultations_consultation"."body"' in q["sql"]] == []
    # The default view's counts (per status and the page's total) are kept ones: nothing counts the table.
    assert [q["sql"] for q in with_200 if counts_the_table(q["sql"])] == []


def test_the_dashboard_makes_the_same_number_of_queries_for_10_and_200_consultations(client, log_in, desk):
    log_in(desk["people"]["advisor"])

    (with_10, _), (with_200, _) = queries_at_10_and_200(
        desk["people"]["staff_own"], page_of(client, reverse("consultations:dashboard"))
    )

    assert len(with_200) == len(with_10)
    # Every figure comes from kept counts: no query reads from the consultations, their owners or ratings.
    tables = (
        "consultations_consultation",
        "consultations_consultation_municipalities",
        "consultations_rating",
    )
    reads = tuple(f'"{table}"' for table in tables)
    assert [q["sql"] for q in with_200 if q["sql"].partition(" FROM ")[2].startswith(reads)] == []


def test_a_narrowed_queue_longer_than_the_count_cap_says_so_instead_of_counting_on(
    client, log_in, desk, monkeypatch
):
    monkeypatch.setattr("portal.pagination.COUNT_CAP", 3)
    log_in(desk["people"]["advisor"])
    for n in range(5):
        consultation(desk["people"]["staff_other"], title=f"クラウド相談{n}", category="cloud")

    page = client.get(reverse("consultations:queue"), {"category": "cloud"}).content.decode()

    assert "相談 3 件以上（絞り込むと、ほかの相談も表示できます）" in page


@pytest.mark.parametrize("persona", ["advisor", "staff_own"])
def test_the_csv_export_makes_the_same_number_of_queries_for_10_and_200_consultations(
    client, log_in, desk, persona
):
    log_in(desk["people"][persona])
    export = reverse("consultations:export")

    # A streamed response runs its queries while it is read: read() reads it whole, inside the capture.
    (with_10, at_10), (with_200, at_200) = queries_at_10_and_200(
        desk["people"]["staff_own"], lambda: csv_body(client.get(export, {"status": ""})).splitlines()
    )

    assert (len(at_10), len(at_200)) == (11, 201)
    assert len(with_200) == len(with_10)


def test_queue_filters_and_counts(client, log_in, desk):
    log_in(desk["people"]["advisor"])
    consultation(desk["people"]["staff_other"], title="河合町の相談", category="cloud")
    response = client.get(reverse("consultations:queue"), {"category": "cloud"})
    page = response.content.decode()
    assert "河合町の相談" in page and "住民記録システムの更改" not in page
    counts = dict((label, n) for label, _link_query, n in response.context["counts"])
    assert counts["受付"] == 1 and counts["対応中"] == 0
    response = client.get(reverse("consultations:queue"), {"assignee": "none"})
    assert "河合町の相談" in response.content.decode()
    assert "住民記録システムの更改" not in response.content.decode()


def test_a_status_count_links_to_that_status_within_the_other_filters(client, log_in, desk):
    log_in(desk["people"]["advisor"])
    consultation(desk["people"]["staff_other"], title="河合町の相談", category="cloud")
    response = client.get(reverse("consultations:queue"), {"category": "cloud", "status": "", "page": "1"})
    links = re.findall(r'<li><a href="\?([^"]*)">([^<]*)</a>: (\d+) 件', response.content.decode())
    assert ("category=cloud&amp;status=new", "受付", "1") in links
    assert ("category=cloud&amp;status=in_progress", "対応中", "0") in links
    followed = client.get(reverse("consultations:queue") + "?category=cloud&status=new").content.decode()
    assert "河合町の相談" in followed and "住民記録システムの更改" not in followed


def test_bulk_assign_gives_the_chosen_consultations_to_an_advisor(client, log_in, desk):
    advisor = desk["people"]["advisor"]
    log_in(advisor)
    a = consultation(desk["people"]["staff_other"])
    b = consultation(desk["people"]["staff_other"])
    colleague = member(Role.ADVISOR)
    response = client.post(
        reverse("consultations:bulk_assign"), {"consultations": [a.pk, b.pk], "assignee": colleague.pk}
    )
    assert response.status_code == 302
    assert set(Consultation.objects.filter(assignee=colleague)) == {a, b}


def select_options(page: str, select_id: str) -> list[str]:
    select = re.search(rf'<select[^>]* id="{select_id}">(.*?)</select>', page, re.S).group(1)
    return [label.strip() for label in re.findall(r"<option[^>]*>([^<]*)</option>", select)]


def test_the_queue_offers_the_active_advisors_both_to_filter_by_and_to_assign_in_bulk(client, log_in, desk):
    advisor = desk["people"]["advisor"]
    colleague = member(Role.ADVISOR)
    gone = member(Role.ADVISOR, state=Membership.State.ENDED)
    log_in(advisor)

    page = client.get(reverse("consultations:queue")).content.decode()

    advisors = sorted([advisor, colleague], key=lambda user: (user.last_name, user.first_name, user.pk))
    names = [user.get_full_name() for user in advisors]
    assert select_options(page, "id_assignee") == ["すべて", "未割当て", "自分", *names]
    assert select_options(page, "bulk_assignee") == ["選択してください", *names]
    assert gone.get_full_name() not in page


def test_an_edited_reply_shows_its_earlier_text(client, log_in, desk):
    advisor = desk["people"]["advisor"]
    log_in(advisor)
    client.post(
        reverse("consultations:edit_message", args=[desk["c"].reference, desk["reply"].pk]),
        {"body": "回答：単独調達も検討の余地があります"},
    )
    log_in(desk["people"]["staff_own"])
    page = client.get(reverse("consultations:detail", args=[desk["c"].reference])).content.decode()
    assert "単独調達も検討の余地があります" in page
    assert "編集前の内容" in page and "共同調達をお勧めします" in page


def test_only_the_author_sees_the_edit_link_of_a_reply(client, log_in, desk):
    edit = reverse("consultations:edit_message", args=[desk["c"].reference, desk["reply"].pk])
    detail = reverse("consultations:detail", args=[desk["c"].reference])
    log_in(desk["people"]["advisor"])
    assert edit in client.get(detail).content.decode()
    log_in(desk["people"]["staff_own"])
    assert edit not in client.get(detail).content.decode()
