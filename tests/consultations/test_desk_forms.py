"""The desk's forms as a clerk meets them: status actions named by their verb, final ones confirmed on a
page of their own, an error summary that links to every field, a queue that opens on the work to do."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations import services
from consultations.models import Consultation, Status, Visit
from tests.consultations.conftest import pdf
from tests.factories import consultation

pytestmark = pytest.mark.django_db


def detail_url(c):
    return reverse("consultations:detail", args=[c.reference])


def confirm_url(c, to):
    return reverse("consultations:transition_confirm", args=[c.reference, to])


def status_section(html):
    return html.split('id="transition-heading"', 1)[1].split("</section>", 1)[0]


def test_a_new_consultation_offers_its_filer_withdrawal_only_as_a_link_to_a_confirmation(
    client, log_in, desk
):
    fresh = consultation(desk["people"]["staff_own"], title="新しい相談")
    log_in(desk["people"]["staff_own"])
    section = status_section(client.get(detail_url(fresh)).content.decode())
    assert "<select" not in section and "checked" not in section and "<button" not in section
    assert f'href="{confirm_url(fresh, "withdrawn")}?version={fresh.version}"' in section
    assert ">取り下げる</a>" in section


def test_the_advisor_gets_one_button_per_allowed_action_labelled_with_its_verb(client, log_in, desk):
    log_in(desk["people"]["advisor"])
    section = status_section(client.get(detail_url(desk["c"])).content.decode())
    buttons = re.findall(r'<button type="submit" name="to" value="(\w+)"[^>]*>([^<]+)</button>', section)
    assert buttons == [("waiting", "回答待ちにする"), ("resolved", "解決にする")]
    assert ">完了にする</a>" in section
    assert "取り下げる" not in section  # withdrawing is the municipality's decision


def test_the_withdrawal_page_says_what_will_happen_and_changes_nothing_until_confirmed(client, log_in, desk):
    log_in(desk["people"]["staff_own"])
    response = client.get(confirm_url(desk["c"], "withdrawn"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "この相談を取り下げますか" in page and "元に戻すことはできません" in page
    assert '<button type="submit" class="button button--danger">取り下げる</button>' in page
    assert f'href="{detail_url(desk["c"])}">キャンセル</a>' in page
    assert Consultation.objects.get(pk=desk["c"].pk).status == Status.IN_PROGRESS


def test_confirming_the_withdrawal_withdraws_the_consultation(client, log_in, desk):
    log_in(desk["people"]["staff_own"])
    response = client.post(confirm_url(desk["c"], "withdrawn"), {"version": desk["c"].version}, follow=True)
    assert "状態を「取下げ」にしました。" in response.content.decode()
    assert Consultation.objects.get(pk=desk["c"].pk).status == Status.WITHDRAWN


def test_a_withdrawal_posted_to_the_status_form_only_leads_to_its_confirmation_page(client, log_in, desk):
    log_in(desk["people"]["staff_own"])
    response = client.post(
        reverse("consultations:transition", args=[desk["c"].reference]),
        {"to": "withdrawn", "version": desk["c"].version},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{confirm_url(desk['c'], 'withdrawn')}?version={desk['c'].version}"
    assert Consultation.objects.get(pk=desk["c"].pk).status == Status.IN_PROGRESS


def test_a_confirmation_opened_before_someone_elses_change_shows_the_conflict(client, log_in, desk):
    staff, advisor = desk["people"]["staff_own"], desk["people"]["advisor"]
    log_in(staff)
    page = client.get(f"{confirm_url(desk['c'], 'withdrawn')}?version={desk['c'].version}")
    assert f'name="version" value="{desk["c"].version}"' in page.content.decode()
    services.consultation_transition(consultation_id=desk["c"].pk, actor=advisor, to=Status.WAITING)
    response = client.post(confirm_url(desk["c"], "withdrawn"), {"version": desk["c"].version}, follow=True)
    assert "ほかの人が更新しました" in response.content.decode()
    assert Consultation.objects.get(pk=desk["c"].pk).status == Status.WAITING


def test_an_advisor_closing_before_resolution_gives_the_reason_on_the_confirmation_page(client, log_in, desk):
    log_in(desk["people"]["advisor"])
    url = confirm_url(desk["c"], "closed")
    response = client.post(url, {"version": desk["c"].version, "note": "  "})
    page = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_note">完了にする理由：解決前に完了にするときは、理由を書いてください。</a>' in page
    assert Consultation.objects.get(pk=desk["c"].pk).status == Status.IN_PROGRESS
    client.post(url, {"version": desk["c"].version, "note": "重複した相談のため"})
    assert Consultation.objects.get(pk=desk["c"].pk).status == Status.CLOSED


def test_a_confirmation_page_for_a_step_this_person_may_not_take_changes_nothing(client, log_in, desk):
    log_in(desk["people"]["advisor"])
    response = client.post(confirm_url(desk["c"], "withdrawn"), {"version": desk["c"].version}, follow=True)
    assert "この状態には変更できません。" in response.content.decode()
    assert Consultation.objects.get(pk=desk["c"].pk).status == Status.IN_PROGRESS


def test_staff_of_another_municipality_get_404_for_the_confirmation_page(client, log_in, desk):
    log_in(desk["people"]["staff_other"])
    assert client.get(confirm_url(desk["c"], "withdrawn")).status_code == 404


def test_reopening_a_resolved_consultation_says_reopen_and_goes_straight_through(client, log_in, desk):
    services.consultation_transition(
        consultation_id=desk["c"].pk, actor=desk["people"]["advisor"], to=Status.RESOLVED
    )
    c = Consultation.objects.get(pk=desk["c"].pk)
    log_in(desk["people"]["staff_own"])
    section = status_section(client.get(detail_url(c)).content.decode())
    assert 'name="to" value="in_progress" class="button button--secondary">再開する</button>' in section
    client.post(
        reverse("consultations:transition", args=[c.reference]), {"to": "in_progress", "version": c.version}
    )
    assert Consultation.objects.get(pk=c.pk).status == Status.IN_PROGRESS


def test_an_empty_consultation_form_lists_every_error_as_a_link_to_its_field(client, log_in, desk):
    log_in(desk["people"]["staff_own"])
    response = client.post(reverse("consultations:new"), {"title": "", "body": ""})
    page = response.content.decode()
    summary = page.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert 'tabindex="-1"' in page.split('class="error-summary"', 1)[1][:120]
    assert "入力内容にエラーが 4 件あります" in summary
    assert re.findall(r'href="#(\w+)"', summary) == ["id_title", "id_body", "id_category", "id_priority"]
    assert re.search(r"<title>エラー：新しく相談する", page)
    assert re.search(r'<input type="text" name="title"[^>]*aria-invalid="true"', page)
    assert "選んだ添付ファイルは送信されていません" not in page  # no file was chosen


def test_the_lost_attachment_hint_appears_only_when_a_file_was_chosen(client, log_in, desk):
    log_in(desk["people"]["staff_own"])
    page = client.post(reverse("consultations:new"), {"attachments": pdf()}).content.decode()
    assert "選んだ添付ファイルは送信されていません" in page


def test_a_file_error_stands_next_to_the_file_field_and_in_the_summary(client, log_in, desk):
    log_in(desk["people"]["staff_own"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("実行.exe", b"MZ\x90\x00binary", content_type="application/octet-stream")
    page = client.post(
        reverse("consultations:new"),
        {"title": "件名", "body": "本文", "category": "other", "priority": "normal", "attachments": bad},
    ).content.decode()
    field = page.split('for="id_attachments"', 1)[1].split('type="file"', 1)[0]
    assert 'id="id_attachments-error"' in field and "実行.exe" in field
    assert 'href="#id_attachments">添付ファイル：' in page


def test_the_visit_plan_form_uses_the_same_summary(client, log_in, desk):
    log_in(desk["people"]["advisor"])
    page = client.post(reverse("consultations:visits"), {"preferred_dates": ""}).content.decode()
    assert 'href="#id_municipality">訪問先：' in page and "<title>エラー：" in page


def test_a_failed_login_shows_the_summary(client, desk):
    page = client.post(
        reverse("account_login"), {"login": desk["people"]["staff_own"].email, "password": "違う"}
    ).content.decode()
    assert 'class="error-summary"' in page and "<title>エラー：" in page


def test_no_select_anywhere_shows_a_dashes_placeholder(client, log_in, desk):
    visit = Visit.objects.create(municipality=desk["own"], consultation=desk["c"], preferred_dates="来週")
    pages = [
        "consultations:queue",
        "consultations:new",
        "consultations:visits",
        "consultations:dashboard",
        "notification_list",
        "handover",
        "cases:readiness",
        "cases:list",
        "membership_list",
    ]
    for persona in ("staff_own", "advisor", "official"):
        log_in(desk["people"][persona])
        urls = [reverse(name) for name in pages] + [
            detail_url(desk["c"]),
            reverse("consultations:visit_edit", args=[visit.pk]),
            confirm_url(desk["c"], "closed"),
        ]
        for url in urls:
            response = client.get(url, follow=True)
            assert "---------" not in response.content.decode(), (persona, url)


def overdue_and_closed(staff):
    late = consultation(staff, title="期限超過の相談")
    Consultation.objects.filter(pk=late.pk).update(resolution_due=timezone.localdate().replace(year=2000))
    closed = consultation(staff, title="完了した相談")
    Consultation.objects.filter(pk=closed.pk).update(status=Status.CLOSED)
    return late, closed


def test_the_advisor_queue_opens_on_open_work_with_the_overdue_first(client, log_in, desk):
    overdue_and_closed(desk["people"]["staff_own"])
    consultation(desk["people"]["staff_other"], title="新しい相談")
    log_in(desk["people"]["advisor"])
    response = client.get(reverse("consultations:queue"))
    titles = [c.title for c in response.context["page"]]
    assert titles[0] == "期限超過の相談"
    assert "完了した相談" not in titles and "新しい相談" in titles
    page = response.content.decode()
    assert '<option value="open" selected>' in page and '<option value="urgent" selected>' in page


def test_the_queue_still_shows_everything_when_asked(client, log_in, desk):
    overdue_and_closed(desk["people"]["staff_own"])
    log_in(desk["people"]["advisor"])
    titles = [c.title for c in client.get(reverse("consultations:queue"), {"status": ""}).context["page"]]
    assert "完了した相談" in titles


def test_the_second_page_of_the_default_queue_keeps_the_default_filter(client, log_in, desk):
    overdue_and_closed(desk["people"]["staff_own"])
    log_in(desk["people"]["advisor"])
    response = client.get(reverse("consultations:queue"), {"page": "2"})
    assert "完了した相談" not in [c.title for c in response.context["page"]]


def test_every_table_scrolls_in_a_region_named_by_its_caption(client, log_in, desk):
    log_in(desk["people"]["advisor"])
    for url in [
        reverse("consultations:queue"),
        reverse("consultations:dashboard"),
        reverse("consultations:visits"),
        detail_url(desk["c"]),
    ]:
        page = client.get(url).content.decode()
        tables = re.findall(r"<div([^>]*)>\s*<table[^>]*>\s*<caption id=\"([\w-]+)\"", page)
        assert len(tables) == page.count("<table"), url
        for attrs, caption_id in tables:
            assert f'class="table-scroll" role="region" aria-labelledby="{caption_id}" tabindex="0"' in attrs


def test_the_dashboards_overdue_count_is_a_figure_not_a_status_row(client, log_in, desk):
    log_in(desk["people"]["advisor"])
    page = client.get(reverse("consultations:dashboard")).content.decode()
    table = page.split('id="open-caption"', 1)[1].split("</table>", 1)[0]
    assert "うち期限超過" not in table
    assert '<dt>うち期限超過</dt><dd class="figure">' in page


@pytest.mark.parametrize("title", ["", "   ", "件名\n2行目", "件名\x1b[31m", "件名\u2028続き"])
def test_the_form_and_the_service_refuse_a_bad_title_with_the_same_message(desk, title):
    from django.core.exceptions import ValidationError

    from consultations.forms import ConsultationForm

    form = ConsultationForm({"title": title, "body": "本文", "category": "other", "priority": "normal"})
    assert not form.is_valid()
    with pytest.raises(ValidationError) as refused:
        services.consultation_file(
            actor=desk["people"]["staff_own"], title=title, body="本文", category="other", priority="normal"
        )
    assert form.errors["title"] == refused.value.messages
    assert refused.value.messages[0] in (
        "件名を入力してください。",
        "件名に改行や制御文字は使えません。1行で入力してください。",
    )
