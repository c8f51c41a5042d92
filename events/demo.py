"""The events' demo (registered in apps.py, order 500, after the know-how demo made its staff accounts):
an upcoming study session that is full with a waiting list, an upcoming training with seats left for
kashiba.staff, a past briefing with its materials, attendance and follow-ups, and a site-visit request
from 香芝市 to a case study's municipality. Safe to run again: what exists is left alone."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page

from events import services
from events.models import Event, FollowUp, Registration, VisitRequest
from portal import material
from portal.calendar import add_business_days
from portal.models import User
from portal.uploads import check_uploads

FULL = "ガバメントクラウド移行 勉強会（費用の見積り方）"
OPEN = "情報セキュリティ研修（標的型攻撃メール訓練の進め方）"
PAST = "自治体情報システム標準化 説明会（令和8年度）"
STAFF = ["tenri", "kashihara", "ikaruga", "asuka", "uda", "kashiba", "kawai"]
MATERIAL = (
    "項目,内容\n標準化の対象,20業務\n移行の期限,令和7年度末（移行困難システムを除く）\n"
    "質問の窓口,奈良県 デジタル推進課\n"
)


def _at(days_ahead: int, hour: int) -> datetime.datetime:
    day = add_business_days(timezone.localdate(), days_ahead) if days_ahead > 0 else timezone.localdate()
    if days_ahead < 0:
        day += datetime.timedelta(days=days_ahead)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_default_timezone())


def _event(advisor, title, kind, start, hours, **fields) -> Event:
    return Event.objects.create(
        organiser=advisor,
        title=title,
        kind=kind,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=hours),
        registration_deadline=start - datetime.timedelta(days=2),
        state="published",
        **fields,
    )


def _register(event, person, **fields) -> Registration:
    return Registration.objects.create(
        event=event,
        person=person,
        municipality=person.current_membership.municipality,
        registered_by=person,
        **fields,
    )


def _events(advisor, staff) -> None:
    full = _event(
        advisor,
        FULL,
        "study",
        _at(10, 14),
        2,
        description="ガバメントクラウドの利用料と運用補助の費用を、見積書のどこで確かめるかを事例で学びます。",
        place="奈良県庁 分庁舎 会議室",
        online_url="https://meet.example.jp/nara-gcloud",
        capacity=3,
    )
    for name in ("tenri", "kashihara", "ikaruga"):
        _register(full, staff[name], state="confirmed")
    for name in ("asuka", "uda"):
        _register(full, staff[name], state="waiting")

    seats = _event(
        advisor,
        OPEN,
        "training",
        _at(15, 10),
        3,
        description="標的型攻撃メール訓練の計画、実施、結果の伝え方を、県内の実施例で学びます。",
        place="奈良県社会福祉総合センター 研修室",
        capacity=40,
    )
    _register(seats, staff["kawai"], state="confirmed")

    past = _event(
        advisor,
        PAST,
        "briefing",
        _at(-20, 13),
        2,
        description="標準準拠システムへの移行の進め方と、県の支援内容を説明しました。",
        place="奈良県庁 第1会議室",
        capacity=60,
    )
    answers = {
        "kashiba": (5, "移行計画の工程表を作り直す", "ガバメントクラウドの費用の按分"),
        "kawai": (4, "近隣町と共同での調達を話し合う", "移行後の運用保守の契約"),
        "tenri": (3, "", "データ移行のテスト方法"),
    }
    for name in ("kashiba", "kawai", "tenri", "kashihara"):
        registration = _register(past, staff[name], state="confirmed", attended=name in answers)
        if name in answers:
            satisfaction, next_action, topics = answers[name]
            FollowUp.objects.create(
                registration=registration,
                satisfaction=satisfaction,
                next_action=next_action,
                topics_wanted=topics,
            )
    [upload] = check_uploads([SimpleUploadedFile("標準化説明会_要点.csv", MATERIAL.encode("utf-8"))])
    services.material_upload(actor=advisor, event_id=past.pk, title="説明会の要点（一覧表）", upload=upload)


def _visit(kashiba) -> bool:
    own = kashiba.current_membership.municipality
    lent = (material.of(page) for page in Page.objects.live().specific())
    cases = [
        m
        for m in lent
        if m is not None and m.source == "case_study" and any(x.pk != own.pk for x in m.municipalities)
    ]
    if not cases:
        return False
    case = min(cases, key=lambda m: m.pk)
    services.visit_request_create(
        actor=kashiba,
        case_page_id=case.pk,
        requested_dates="1月中旬から2月上旬の平日午後",
        purpose="共同化の検討の進め方と、運用開始後の体制を伺いたい。",
        people=3,
    )
    return True


def load(password: str) -> str:
    if Event.objects.filter(title=FULL).exists():
        return "events: demo events already there"
    advisor = User.objects.filter(email="advisor@example.jp").first()
    staff = {name: User.objects.filter(email=f"{name}.staff@example.jp").first() for name in STAFF}
    if advisor is None or any(person is None for person in staff.values()):
        return "events: demo accounts missing, nothing loaded"
    _events(advisor, staff)
    visit = not VisitRequest.objects.exists() and _visit(staff["kashiba"])
    # The demo's history needs no e-mails: drop the notices it queued.
    DBTaskResult.objects.filter(task_path="events.notifications.notify").delete()
    return f"events: 3 demo events{' and a site-visit request' if visit else ''}"
