"""The queue as a CSV file: streamed below the threshold, built by a background task above it, always
with the queue's filters, the user's scope and language, and cells Excel will not run."""

import csv
import datetime
import io
import os

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from consultations import sla
from consultations.models import Consultation, Export, Priority, Status
from consultations.tasks import daily_sweep
from portal.models import Notification, Role, SystemArea
from portal.templatetags.wareki import wareki_datetime
from tests.factories import MunicipalityFactory, consultation, member, run_tasks

pytestmark = pytest.mark.django_db

HEADER_JA = [
    "受付番号",
    "件名",
    "分類",
    "状態",
    "優先度",
    "市町村",
    "業務システム分野",
    "相談者",
    "担当補佐官",
    "受付日",
    "初回回答期限",
    "解決期限",
    "期限超過",
]


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def per_row_rendering(references, *, language="ja") -> bytes:
    """The file as the export used to build it, one model instance and its get_FOO_display() per row."""
    today = timezone.localdate()
    out = io.StringIO()
    writer = csv.writer(out)
    with translation.override(language):
        from django.utils.translation import gettext as _

        writer.writerow([_(label) for label in HEADER_JA])
        for reference in references:
            c = Consultation.objects.get(reference=reference)

            def safe(value):
                return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value

            writer.writerow(
                [
                    c.reference,
                    safe(c.title),
                    c.get_category_display(),
                    c.get_status_display(),
                    c.get_priority_display(),
                    "・".join(m.name for m in c.municipalities.order_by("kana_sort")),
                    "・".join(a.name for a in c.system_areas.all()),
                    safe(str(c.requester)),
                    safe(str(c.assignee or "")),
                    timezone.localdate(c.created_at).isoformat(),
                    c.first_response_due.isoformat() if c.first_response_due else "",
                    c.resolution_due.isoformat() if c.resolution_due else "",
                    _("はい") if sla.is_overdue(c, today=today) else "",
                ]
            )
    return ("\ufeff" + out.getvalue()).encode()


@pytest.fixture
def varied(desk):
    """Consultations that exercise every column: partners, areas, formulas, late, waiting, unassigned."""
    advisor = desk["people"]["advisor"]
    staff = desk["people"]["staff_own"]
    areas = list(SystemArea.objects.all()[:2])
    partner = MunicipalityFactory(name="安堵町", kana="あんどちょう")
    consultation(staff, title='=HYPERLINK("http://evil.example")', category="cloud", priority=Priority.URGENT)
    joint = consultation(staff, title="共同調達", joint=[partner], system_areas=areas, category="sla")
    late = consultation(staff, title="期限切れ", priority=Priority.LOW)
    Consultation.objects.filter(pk=late.pk).update(
        resolution_due=timezone.localdate() - datetime.timedelta(days=3), assignee=advisor
    )
    Consultation.objects.filter(pk=joint.pk).update(status=Status.WAITING)
    dash = member(Role.STAFF, desk["own"])
    dash.last_name, dash.first_name = "-山本", "一郎"
    dash.save()
    consultation(dash, title="+先頭がプラス", category="security")
    return desk


def test_the_streamed_csv_is_the_file_the_per_row_export_made(client, log_in, varied):
    log_in(varied["people"]["advisor"])
    response = client.get(reverse("consultations:export"), {"status": ""})
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    streamed = body(response)
    references = [row[0] for row in csv.reader(io.StringIO(streamed.decode("utf-8-sig")))][1:]
    assert len(references) == Consultation.objects.count() == 5
    assert streamed == per_row_rendering(references)
    rows = {row[0]: row for row in csv.reader(io.StringIO(streamed.decode("utf-8-sig")))}
    assert rows["受付番号"] == HEADER_JA
    by_title = {row[1]: row for row in rows.values()}
    assert '\'=HYPERLINK("http://evil.example")' in by_title
    assert by_title["期限切れ"][12] == "はい"
    assert by_title["共同調達"][3] == "回答待ち"
    assert by_title["共同調達"][5] == "安堵町・香芝市"  # 五十音順
    assert by_title["'+先頭がプラス"][7].startswith("'-山本")


def test_the_csv_speaks_english_to_a_user_who_chose_english(client, log_in, varied):
    log_in(varied["people"]["advisor"])
    client.cookies["django_language"] = "en"
    streamed = body(client.get(reverse("consultations:export"), {"status": ""}))
    references = [row[0] for row in csv.reader(io.StringIO(streamed.decode("utf-8-sig")))][1:]
    assert streamed == per_row_rendering(references, language="en")
    header, *rows = csv.reader(io.StringIO(streamed.decode("utf-8-sig")))
    assert header[0] == "Reference"
    assert "Waiting on municipality" in {row[3] for row in rows}


def test_the_csv_follows_the_queue_filters(client, log_in, varied):
    log_in(varied["people"]["advisor"])
    rows = list(
        csv.reader(
            io.StringIO(
                body(client.get(reverse("consultations:export"), {"category": "cloud"})).decode("utf-8-sig")
            )
        )
    )
    assert [row[1] for row in rows[1:]] == ['\'=HYPERLINK("http://evil.example")']


# --- Above the threshold: a background task builds the file ---------------------------------------


@pytest.fixture
def small_threshold(settings):
    settings.CONSULTATION_EXPORT_SYNC_MAX_ROWS = 0


def ask_for_a_large_export(client, user, query=None):
    response = client.get(reverse("consultations:export"), query or {"status": ""})
    assert not response.streaming
    assert response.status_code == 200
    return response


def test_up_to_the_threshold_the_file_streams_and_one_row_more_goes_to_the_background(
    client, log_in, varied, settings
):
    log_in(varied["people"]["advisor"])
    settings.CONSULTATION_EXPORT_SYNC_MAX_ROWS = 5
    assert client.get(reverse("consultations:export"), {"status": ""}).streaming
    assert not Export.objects.exists()
    settings.CONSULTATION_EXPORT_SYNC_MAX_ROWS = 4
    assert not client.get(reverse("consultations:export"), {"status": ""}).streaming
    assert Export.objects.count() == 1


def test_above_the_threshold_the_export_is_prepared_in_the_background(
    client, log_in, varied, small_threshold
):
    advisor = varied["people"]["advisor"]
    log_in(advisor)
    response = ask_for_a_large_export(client, advisor)
    page = response.content.decode()
    assert "準備しています" in page
    assert reverse("consultations:exports") in page
    export = Export.objects.get()
    assert (export.requester, export.state, export.query) == (advisor, Export.State.PENDING, "status=")
    listing = client.get(reverse("consultations:exports")).content.decode()
    assert "作成中" in listing
    # In 令和…年（…年）…月…日 HH:MM, as every other date officials read.
    assert wareki_datetime(export.created_at) in listing
    assert timezone.localtime(export.created_at).strftime("%Y-%m-%d") not in listing


def test_asking_again_while_the_same_export_is_pending_queues_nothing_more(
    client, log_in, varied, small_threshold
):
    advisor = varied["people"]["advisor"]
    log_in(advisor)
    ask_for_a_large_export(client, advisor)
    ask_for_a_large_export(client, advisor)
    assert Export.objects.count() == 1
    ask_for_a_large_export(client, advisor, {"status": "", "category": "cloud", "overdue": ""})
    assert Export.objects.count() == 2


def test_the_task_file_has_every_row_of_the_streamed_one_and_notifies_once(
    client, log_in, varied, settings, small_threshold
):
    advisor = varied["people"]["advisor"]
    log_in(advisor)
    ask_for_a_large_export(client, advisor)
    run_tasks()
    export = Export.objects.get()
    assert export.state == Export.State.READY
    assert export.row_count == 5
    assert export.expires_at > timezone.now()
    download = client.get(reverse("consultations:export_download", args=[export.pk]))
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    settings.CONSULTATION_EXPORT_SYNC_MAX_ROWS = 1000
    assert body(download) == body(client.get(reverse("consultations:export"), {"status": ""}))
    notices = Notification.objects.filter(recipient=advisor, kind="export")
    assert notices.count() == 1
    assert reverse("consultations:export_download", args=[export.pk]) in notices.get().url
    from consultations.exports import build_export

    build_export.enqueue(export_id=export.pk)  # a task run again (a recovered worker) repeats nothing
    run_tasks()
    assert notices.count() == 1
    assert Export.objects.get().stored_name == export.stored_name


def test_the_task_reads_with_the_requesters_scope_and_language(client, log_in, desk, small_threshold):
    staff = desk["people"]["staff_own"]
    for i in range(3):
        consultation(staff, title=f"香芝市の相談{i}")
    consultation(desk["people"]["staff_other"], title="河合町の相談")
    log_in(staff)
    client.cookies["django_language"] = "en"
    ask_for_a_large_export(client, staff)
    run_tasks()
    export = Export.objects.get()
    text = body(client.get(reverse("consultations:export_download", args=[export.pk]))).decode("utf-8-sig")
    header, *rows = csv.reader(io.StringIO(text))
    assert header[0] == "Reference"
    assert len(rows) == export.row_count == 4
    assert "河合町の相談" not in text
    assert "ベンダーA" not in text


def test_only_the_requester_may_download_an_export(client, log_in, varied, small_threshold):
    advisor = varied["people"]["advisor"]
    log_in(advisor)
    ask_for_a_large_export(client, advisor)
    run_tasks()
    url = reverse("consultations:export_download", args=[Export.objects.get().pk])
    for other in (member(Role.ADVISOR), member(Role.ADMIN), varied["people"]["staff_own"]):
        log_in(other)
        assert client.get(url).status_code == 404
        assert url not in client.get(reverse("consultations:exports")).content.decode()
    client.logout()
    assert client.get(url)["Location"].startswith(reverse("account_login"))


def test_a_failed_export_leaves_no_file_and_says_so(client, log_in, varied, settings, tmp_path):
    advisor = varied["people"]["advisor"]
    log_in(advisor)
    settings.CONSULTATION_EXPORT_SYNC_MAX_ROWS = 2
    # The private storage cannot be written (its root is a file): the task cannot store the CSV.
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("")
    settings.PRIVATE_STORAGE_ROOT = blocked
    ask_for_a_large_export(client, advisor)
    run_tasks()
    export = Export.objects.get()
    assert export.state == Export.State.FAILED
    assert export.stored_name == ""
    assert export.error
    assert client.get(reverse("consultations:export_download", args=[export.pk])).status_code == 404
    page = client.get(reverse("consultations:exports")).content.decode()
    assert "作成できませんでした" in page
    notice = Notification.objects.get(recipient=advisor, kind="export")
    assert "作成できませんでした" in notice.message


def test_expired_exports_lose_their_file_in_the_daily_sweep(
    client, log_in, varied, settings, small_threshold
):
    advisor = varied["people"]["advisor"]
    log_in(advisor)
    ask_for_a_large_export(client, advisor)
    run_tasks()
    export = Export.objects.get()
    path = os.path.join(settings.PRIVATE_STORAGE_ROOT, "consultations", "exports", export.stored_name)
    assert os.path.exists(path)
    daily_sweep.call()
    assert os.path.exists(path)  # still within its days
    Export.objects.filter(pk=export.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    url = reverse("consultations:export_download", args=[export.pk])
    assert client.get(url).status_code == 404  # past its time it is gone, swept or not
    assert daily_sweep.call()["exports_expired"] == 1
    assert not os.path.exists(path)
    assert Export.objects.get().state == Export.State.EXPIRED
    assert "期限切れ" in client.get(reverse("consultations:exports")).content.decode()


def test_the_exports_page_lists_only_ones_own_exports(client, log_in, varied, small_threshold):
    advisor = varied["people"]["advisor"]
    log_in(advisor)
    ask_for_a_large_export(client, advisor, {"status": "", "category": "cloud"})
    colleague = member(Role.ADVISOR)
    Export.objects.create(requester=colleague, query="category=sla", language="ja")
    page = client.get(reverse("consultations:exports")).content.decode()
    assert "category=cloud" in page  # a link back to the queue with the export's filters
    assert "category=sla" not in page
