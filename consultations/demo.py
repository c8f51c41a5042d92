"""Demo consultations for load_demo: about thirty, in every status, with replies, notes, visits, ratings,
and two resolved consultations of 香芝市 whose threads name a vendor, amounts, a phone number and people
(what a FAQ made from them masks): the know-how demo makes a FAQ of the first (handed to it as
"consultations.faq_example"); the second is left for an advisor to press 「FAQとして公開」 on.
Registered with portal.demo in apps.py.

Filed through the services (references, history, SLA), then dated back over the past months so that
the queue and the dashboard look like a desk that has been running for a while.
"""

import datetime
import itertools

from django.db.models import F
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from consultations import counts, services, sla
from consultations.models import (
    Category,
    Consultation,
    Event,
    Message,
    Priority,
    Status,
    Visit,
    fiscal_year_of,
)
from portal import demo
from portal.models import Municipality, Role, SystemArea, User
from search import indexing

DEMO_CONSULTATIONS = 30

EXTRA_STAFF = [
    # email, family name, given name, municipality code
    ("oji.staff@example.jp", "王寺", "美咲", "29425"),
    ("tawaramoto.staff@example.jp", "田原本", "健", "29363"),
    ("totsukawa.staff@example.jp", "十津川", "誠", "29449"),
    ("ikoma.staff@example.jp", "生駒", "由美", "29209"),
]

TOPICS = [
    (Category.PROCUREMENT, "住民記録システム更改の仕様書の書き方", ["住民記録"]),
    (Category.CONTRACT, "保守契約の更新時に単価を見直したい", ["税務"]),
    (Category.OPTIMISATION, "庁内サーバの統合で運用経費を下げられるか", ["庁内情報系"]),
    (Category.OPEN_SYSTEMS, "ベンダーロックインを避けるための調達条件", ["財務会計"]),
    (Category.CLOUD, "基幹系の共同クラウドへの参加を検討しています", ["住民記録", "税務", "国保"]),
    (Category.JOINT_USE, "近隣町との共同調達の進め方", ["介護", "福祉"]),
    (Category.SECURITY, "LGWAN接続系とインターネット接続系の分離", ["ネットワーク・LGWAN"]),
    (Category.BCP, "庁舎被災時の業務継続計画（ICT部門）", ["文書管理"]),
    (Category.DATA_MIGRATION, "システム移行時のデータ移行費用の妥当性", ["人事給与"]),
    (Category.SLA, "クラウド事業者とのSLAで決めておくべき項目", ["電子申請"]),
    (Category.OTHER, "情報担当職員の研修について", []),
    (Category.PROCUREMENT, "図書館システムの入札で参加業者が1社しかない", ["図書館"]),
    (Category.CLOUD, "施設予約システムのクラウド化と費用負担", ["施設予約"]),
    (Category.CONTRACT, "戸籍システムのリース満了後の扱い", ["戸籍"]),
    (Category.SECURITY, "USBメモリの利用ルールの見直し", ["ネットワーク・LGWAN"]),
]

# The status each demo consultation ends in, cycling so that every status appears several times.
TARGETS = [
    Status.NEW,
    Status.IN_PROGRESS,
    Status.WAITING,
    Status.RESOLVED,
    Status.CLOSED,
    Status.IN_PROGRESS,
    Status.CLOSED,
    Status.WITHDRAWN,
    Status.RESOLVED,
    Status.CLOSED,
]


def _staff(email, last_name, first_name, code, password):
    return demo.account(
        email, last_name, first_name, Role.STAFF, password, Municipality.objects.get(code=code)
    )


# Resolved consultations of 香芝市 to make FAQs from: title, category, system areas, body, the advisor's
# reply (「{requester}」 is the requester's family name), the requester's reply.
FAQ_STORIES = [
    (
        "香芝市の庁内ネットワーク更改で、見積額が予算を超えた",
        Category.PROCUREMENT,
        ["ネットワーク・LGWAN"],
        "庁内ネットワーク機器の更改について、現行保守の奈良システム株式会社から2,800万円（税込）の見積が"
        "届きました。予算は2,000万円です。\n担当は情報政策課（0745-76-2001、joho@city.kashiba.lg.jp）です。",
        "{requester}さん、ご相談ありがとうございます。見積の内訳を見ると、機器費と構築費が一式になっています。"
        "機器の仕様と構築作業を分け、大和ネットワークサービス（株）など複数の事業者から見積を取ると比較しやすく"
        "なります。河合町では同じ規模の更改が1,900万円でした。",
        "仕様を分けて3社から見積を取り、2,150万円に収まりました。ありがとうございました。",
    ),
    (
        "香芝市の財務会計システムの保守料の値上げに、根拠を求めたい",
        Category.CONTRACT,
        ["財務会計"],
        "財務会計システムの保守を委託している株式会社ヤマトデータ（090-1234-5678）から、来年度の保守料を"
        "年額480万円から560万円に上げたいと連絡がありました。根拠をどのように求めればよいでしょうか。",
        "{requester}さん、保守料の改定には、作業時間の実績と単価の内訳を求めるのが一般的です。過去1年分の"
        "障害対応の件数と作業報告書を並べて、増額の理由を書面で出してもらいましょう。",
        "書面で根拠を求めたところ、年額520万円で合意できました。",
    ),
]


def load(password: str) -> str:
    """Creates the demo desk once; says how many consultations it filed. The FAQ examples are made
    when missing and handed to the later loaders every run."""
    report = _desk(password)
    stories = _faq_stories()
    counts.recount()  # the desk's stories are dated back past the services that keep the counts
    demo.hand("consultations.faq_example", stories[0].pk)
    DBTaskResult.objects.filter(task_path__startswith="consultations.notifications").delete()
    return f"{report}; {len(stories)} resolved consultations of 香芝市 to make FAQs from"


def _faq_stories() -> list[Consultation]:
    requester = User.objects.get(email="kashiba.staff@example.jp")
    advisor = User.objects.get(email="advisor@example.jp")
    stories = []
    for title, category, areas, body, answer, thanks in FAQ_STORIES:
        c = Consultation.objects.filter(requester=requester, title=title).first()
        if c is None:
            c = services.consultation_file(
                actor=requester,
                title=title,
                body=body,
                category=category,
                priority=Priority.NORMAL,
                system_areas=SystemArea.objects.filter(name__in=areas),
            )
            services.consultation_assign(consultation_id=c.pk, actor=advisor, assignee=advisor)
            services.message_post(
                consultation_id=c.pk, actor=advisor, body=answer.format(requester=requester.last_name)
            )
            services.message_post(
                consultation_id=c.pk,
                actor=advisor,
                body="内部メモ：現行事業者の見積は前回も高めだった。次回の更改は共同調達も視野に。",
                internal=True,
            )
            services.message_post(consultation_id=c.pk, actor=requester, body=thanks)
            services.consultation_transition(
                consultation_id=c.pk, actor=advisor, to=Status.RESOLVED, note="見積の取り方を助言"
            )
        stories.append(c)
    return stories


def _desk(password: str) -> str:
    if Consultation.objects.filter(requester__email__endswith="@example.jp").exists():
        return "demo consultations: already there"
    staff = [User.objects.get(email=e) for e in ("kashiba.staff@example.jp", "kawai.staff@example.jp")]
    staff += [_staff(*spec, password) for spec in EXTRA_STAFF]
    advisor = User.objects.get(email="advisor@example.jp")
    kawai = staff[1].current_membership.municipality
    now = timezone.now()
    filed = 0
    # Dated back within the current fiscal year, oldest first, so that reference numbers (issued per
    # 年度, in filing order) rise with the filing dates as they would have.
    today = timezone.localdate(now)
    days_into_year = (today - datetime.date(fiscal_year_of(today), 4, 1)).days
    step = min(9, days_into_year // DEMO_CONSULTATIONS)
    for index, ((category, title, areas), target) in enumerate(
        zip(
            itertools.islice(itertools.cycle(TOPICS), DEMO_CONSULTATIONS),
            itertools.cycle(TARGETS),
            strict=False,
        )
    ):
        requester = staff[index % len(staff)]
        c = services.consultation_file(
            actor=requester,
            title=title,
            body=f"{title}について、進め方を相談したいです。\n現在の契約は来年度末で満了します。",
            category=category,
            priority=[Priority.NORMAL, Priority.URGENT, Priority.NORMAL, Priority.LOW][index % 4],
            system_areas=SystemArea.objects.filter(name__in=areas),
            joint_municipalities=[kawai] if category == Category.JOINT_USE and requester != staff[1] else [],
        )
        _walk(c, target, requester, advisor, index)
        _date_back(c, days=(DEMO_CONSULTATIONS - index) * step, now=now)
        filed += 1
    _visits(staff, advisor)
    # The demo's history needs no e-mails: load() drops the notifications its filing queued.
    return f"demo consultations: {filed} filed"


def _walk(c, target, requester, advisor, index):
    if target == Status.WITHDRAWN:
        services.consultation_transition(
            consultation_id=c.pk, actor=requester, to=Status.WITHDRAWN, note="庁内で解決しました"
        )
        return
    if target == Status.NEW:
        return
    services.consultation_assign(consultation_id=c.pk, actor=advisor, assignee=advisor)
    services.message_post(
        consultation_id=c.pk,
        actor=advisor,
        body="ご相談ありがとうございます。他団体の事例を確認して、論点を整理してお送りします。",
    )
    services.message_post(
        consultation_id=c.pk,
        actor=advisor,
        body="過去の類似案件では、仕様の書き方で見積額が3割ほど違った。次回訪問時に確認する。",
        internal=True,
    )
    if target == Status.IN_PROGRESS:
        return
    services.consultation_transition(
        consultation_id=c.pk, actor=advisor, to=Status.WAITING, note="現行契約書の写しをお願いしました"
    )
    if target == Status.WAITING:
        return
    services.message_post(
        consultation_id=c.pk, actor=requester, body="契約書の写しを添付の代わりに要点を記載します。"
    )
    services.consultation_transition(
        consultation_id=c.pk, actor=advisor, to=Status.RESOLVED, note="論点整理を送付"
    )
    services.consultation_rate(
        consultation_id=c.pk,
        actor=requester,
        score=[5, 4, 4, 3, 5][index % 5],
        solved=["yes", "yes", "partly"][index % 3],
        went_ahead=["yes", "na", "no"][index % 3],
        comment="同じ目線で一緒に考えてもらえて助かりました。",
    )
    if target == Status.CLOSED:
        services.consultation_transition(consultation_id=c.pk, actor=requester, to=Status.CLOSED)


def _date_back(c, *, days, now):
    shift = datetime.timedelta(days=days)
    filed_at = now - shift
    first_due, resolution_due = sla.due_dates(
        filed_on=timezone.localdate(filed_at),
        priority=c.priority,
        paused_business_days=c.paused_business_days,
    )
    Consultation.objects.filter(pk=c.pk).update(
        created_at=filed_at, first_response_due=first_due, resolution_due=resolution_due
    )
    for field in ("first_response_at", "resolved_at", "closed_at"):
        Consultation.objects.filter(pk=c.pk, **{f"{field}__isnull": False}).update(
            **{field: F(field) - shift + datetime.timedelta(days=min(days, 3))}
        )
    Event.objects.filter(consultation=c).update(at=F("at") - shift)
    Message.objects.filter(consultation=c).update(
        created_at=F("created_at") - shift + datetime.timedelta(days=1)
    )
    indexing.changed(c)  # UPDATEs send no signal; the filing date is in the consultation's document


def _visits(staff, advisor):
    today = timezone.localdate()
    first = Consultation.objects.filter(requester=staff[0], status=Status.IN_PROGRESS).first()
    visit = services.visit_request(
        actor=staff[0],
        municipality=staff[0].current_membership.municipality,
        preferred_dates="来週の火曜か水曜の午後",
        consultation_id=first.pk if first else None,
    )
    services.visit_schedule(
        visit_id=visit.pk,
        actor=advisor,
        scheduled_on=today + datetime.timedelta(days=7),
        scheduled_time=datetime.time(14, 0),
        place="香芝市役所 情報政策課",
        attendees="情報政策課長、担当者2名、CIO補佐官",
    )
    services.visit_request(
        actor=staff[1],
        municipality=staff[1].current_membership.municipality,
        preferred_dates="月末ならいつでも",
    )
    round_visit = Visit.objects.create(
        municipality=Municipality.objects.get(code="29322"),
        requested_by=advisor,
        state=Visit.State.DONE,
        scheduled_on=today - datetime.timedelta(days=20),
        place="山添村役場",
        minutes_public="基幹系システムの共同クラウド化の説明を行いました。",
        minutes_internal="担当者が兼任で手が回っていない。次回は総務課長にも同席いただく。",
    )
    return round_visit
