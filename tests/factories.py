"""One factory per model, with realistic Japanese values."""

import datetime
import secrets

import factory
from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.utils import timezone
from wagtail.models import Collection, Locale, Page, Site

from portal.models import HomePage, Membership, Municipality, MunicipalityEmailDomain, Role, SystemArea, User
from procurement.models import (
    Agreement,
    Bid,
    CommonForm,
    Criterion,
    Fit,
    FormAdoption,
    Function,
    Invitation,
    Member,
    MemberCost,
    Milestone,
    QuestionRound,
    Round,
    Score,
    Secretariat,
    Step,
    Vendor,
    VendorQuestion,
    Workspace,
)
from surveys import services as survey_services
from surveys.models import Audience

PASSWORD = "test-password-2026"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{29500 + n:05d}")
    name = factory.Sequence(lambda n: f"試験町{n}")
    name_en = factory.Sequence(lambda n: f"Shiken Town {n}")
    kana = factory.Sequence(lambda n: f"しけんちょう{n}")
    kind = Municipality.Kind.TOWN
    district = "試験郡"
    population = 12000


class MunicipalityEmailDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MunicipalityEmailDomain

    municipality = factory.SubFactory(MunicipalityFactory)
    domain = factory.Sequence(lambda n: f"town.shiken{n}.lg.jp")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.jp")
    last_name = "山田"
    first_name = factory.Sequence(lambda n: f"花子{n}")

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.STAFF
    municipality = factory.Maybe(
        factory.LazyAttribute(lambda o: o.role == Role.STAFF), factory.SubFactory(MunicipalityFactory), None
    )
    state = Membership.State.ACTIVE
    started_on = factory.LazyFunction(timezone.localdate)


class SystemAreaFactory(factory.django.DjangoModelFactory):
    """A business system area; the migrations make the real ones, which browser tests flush."""

    class Meta:
        model = SystemArea
        django_get_or_create = ("name",)

    name = "住民記録"
    order = 10


class UserSessionFactory(factory.django.DjangoModelFactory):
    """A session allauth recorded for a user's browser (the account page lists them)."""

    class Meta:
        model = UserSession

    user = factory.SubFactory(UserFactory)
    ip = "192.0.2.1"
    session_key = factory.LazyFunction(lambda: secrets.token_hex(16))
    user_agent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"


def member(role: str, municipality: Municipality | None = None, state: str = Membership.State.ACTIVE) -> User:
    """A user with one membership of the given role (staff get a municipality)."""
    if role == Role.STAFF and municipality is None:
        municipality = MunicipalityFactory()
    return MembershipFactory(role=role, municipality=municipality, state=state).user


def home_page() -> HomePage:
    """The site's home page, as the migrations make it; browser tests flush the tables between tests."""
    existing = HomePage.objects.first()
    if existing:
        return existing
    Locale.objects.get_or_create(language_code="ja")
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    home = root.add_child(instance=HomePage(title="窓口", slug="home"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "窓口"},
    )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    return home


# --- cases ----------------------------------------------------------------------------------------
def case_index():
    """The one case-study index page under the home page (created on first use)."""
    from cases.models import CaseStudyIndexPage
    from portal.models import HomePage

    index = CaseStudyIndexPage.objects.first()
    if index is None:
        index = CaseStudyIndexPage(title="成功事例", slug="cases")
        HomePage.objects.get().add_child(instance=index)
        index.save_revision().publish()
    return index


def case_study(*, title="試験事例", publish=True, municipalities=(), milestones=(), factors=(), **fields):
    """A case study page under the index; published unless publish=False (a draft)."""
    from cases.models import CaseStudyPage, Milestone

    defaults = {
        "summary": "試験用の事例の概要。",
        "arrangement": "joint_cloud",
        "system": "core",
        "slug": f"case-{next(_case_numbers)}",
    }
    page = CaseStudyPage(title=title, **{**defaults, **fields})
    page.municipalities = list(municipalities)
    page.success_factors = list(factors)
    page.milestones = [Milestone(kind=kind, date=date, precision="day") for kind, date in milestones]
    index = case_index()
    if publish:
        index.add_child(instance=page)
        page.save_revision().publish()
    else:
        page.live = False
        index.add_child(instance=page)
        page.save_revision()
    return CaseStudyPage.objects.get(pk=page.pk)


_case_numbers = iter(range(1, 10**9))  # slugs case-1, case-2, ...


class ReadinessAssessmentFactory(factory.django.DjangoModelFactory):
    """A saved readiness self-assessment of one municipality."""

    class Meta:
        model = "cases.ReadinessAssessment"

    municipality = factory.SubFactory(MunicipalityFactory)
    score = 50
    answers = factory.LazyFunction(dict)


# --- The consultation desk -------------------------------------------------------------------------


class MessageFactory(factory.django.DjangoModelFactory):
    """A reply written straight into the thread (services.message_post is the way with its rules)."""

    class Meta:
        model = "consultations.Message"

    consultation = factory.LazyFunction(lambda: consultation())
    author = factory.LazyAttribute(lambda o: o.consultation.requester)
    body = "<p>ご回答ありがとうございます。仕様書の案を添付します。</p>"


class AttachmentFactory(factory.django.DjangoModelFactory):
    """An attachment's record; the file itself is not written (use the desk's upload for that)."""

    class Meta:
        model = "consultations.Attachment"

    consultation = factory.LazyFunction(lambda: consultation())
    name = "現行仕様書.pdf"
    stored_name = factory.LazyFunction(lambda: secrets.token_hex(16))
    content_type = "application/pdf"
    size = 1
    uploaded_by = factory.LazyAttribute(lambda o: o.consultation.requester)


class VisitFactory(factory.django.DjangoModelFactory):
    """An on-site visit (出前相談) asked for by a municipality, with no consultation unless given one."""

    class Meta:
        model = "consultations.Visit"

    municipality = factory.SubFactory(MunicipalityFactory)
    preferred_dates = "来週の火曜日か木曜日の午後"


def consultation(requester: User | None = None, *, joint=(), **fields):
    """A consultation filed through the service, as a member of staff would (reference, history, SLA)."""
    from consultations import services
    from consultations.models import Category, Priority

    requester = requester or member(Role.STAFF)
    values = {
        "title": "基幹系システムの共同調達について",
        "body": "来年度の住民記録システム更改で、近隣町と共同調達を検討しています。",
        "category": Category.PROCUREMENT,
        "priority": Priority.NORMAL,
    }
    values.update(fields)
    return services.consultation_file(actor=requester, joint_municipalities=joint, **values)


def resolved_consultation(requester: User, advisor: User):
    """A consultation the advisor took on and resolved, through the services."""
    from consultations import services
    from consultations.models import Status

    c = consultation(requester)
    services.consultation_assign(consultation_id=c.pk, actor=advisor, assignee=advisor)
    return services.consultation_transition(consultation_id=c.pk, actor=advisor, to=Status.RESOLVED)


def run_tasks() -> int:
    """Run every ready background task in this thread, as a worker would (inside the test's transaction)."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    ran = 0
    while (result := DBTaskResult.objects.ready().order_by("enqueued_at").first()) is not None:
        result.claim(worker.worker_id)
        worker.run_task(result)
        ran += 1
    return ran


class WorkspaceFactory(factory.django.DjangoModelFactory):
    """A joint-procurement group (共同化検討会) with no members yet: add them with `workspace_member`."""

    class Meta:
        model = Workspace

    slug = factory.Sequence(lambda n: f"group-{n}")
    name = factory.Sequence(lambda n: f"試験基幹システム共同化検討会{n}")
    created_by = factory.SubFactory(UserFactory)


class WorkspaceMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    workspace = factory.SubFactory(WorkspaceFactory)
    municipality = factory.SubFactory(MunicipalityFactory)


class SecretariatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Secretariat

    workspace = factory.SubFactory(WorkspaceFactory)
    user = factory.LazyFunction(lambda: member(Role.ADVISOR))


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    workspace = factory.SubFactory(WorkspaceFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    invited_by = factory.SelfAttribute("workspace.created_by")


class MemberCostFactory(factory.django.DjangoModelFactory):
    """One member's annual costs (yen); the workspace is the member's own."""

    class Meta:
        model = MemberCost

    member = factory.SubFactory(WorkspaceMemberFactory)
    workspace = factory.SelfAttribute("member.workspace")
    current_annual_yen = 120_000_000
    proposed_annual_yen = 61_200_000
    basis = "令和7年度決算額（保守・帳票出力を含む）"


class VendorQuestionFactory(factory.django.DjangoModelFactory):
    """A vendor's RFI question, answered but still the secretariat's draft (publish with published_at)."""

    class Meta:
        model = VendorQuestion

    workspace = factory.SubFactory(WorkspaceFactory)
    number = factory.Sequence(lambda n: n + 1)
    round = QuestionRound.RFI
    vendor = "奈良システム株式会社"
    question = factory.Sequence(
        lambda n: f"住民記録システムのデータ移行の対象期間を教えてください（その{n}）。"
    )
    answer = "住民記録は全件、税務は過去5年分を想定しています。"
    created_by = factory.SelfAttribute("workspace.created_by")


class AgreementFactory(factory.django.DjangoModelFactory):
    """An entry of a group's decision log; name who agreed with `agreed_by=[member, ...]`."""

    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    workspace = factory.SubFactory(WorkspaceFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "対象業務を住民記録・税務・国保・介護・福祉の5業務とする。"
    decided_on = factory.LazyFunction(timezone.localdate)
    meeting = "第2回検討会"
    recorded_by = factory.SelfAttribute("workspace.created_by")

    @factory.post_generation
    def agreed_by(self, create, members, **kwargs):
        if create and members:
            self.agreed_by.set(members)


class FunctionFactory(factory.django.DjangoModelFactory):
    """A row of a group's fit-gap matrix, in one of its business areas."""

    class Meta:
        model = Function

    workspace = factory.SubFactory(WorkspaceFactory)
    area = factory.SubFactory(SystemAreaFactory)
    name = factory.Iterator(
        ["住民票の写しの交付", "転入届の受付", "転出証明書の交付", "印鑑登録証明書の交付"]
    )
    description = "窓口で申請を受け、本人確認の上で交付する。"
    order = factory.Sequence(lambda n: n * 10)


class FitFactory(factory.django.DjangoModelFactory):
    """One member's judgement of a function; give `member` from the function's workspace."""

    class Meta:
        model = Fit

    function = factory.SubFactory(FunctionFactory)
    level = Fit.Level.STANDARD
    note = ""


class CommonFormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommonForm

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Iterator(["住民票の写し", "印鑑登録証明書", "納税通知書", "国民健康保険被保険者証"])
    order = factory.Sequence(lambda n: n * 10)


class FormAdoptionFactory(factory.django.DjangoModelFactory):
    """A member's state on a common form; give `member` from the form's workspace."""

    class Meta:
        model = FormAdoption

    form = factory.SubFactory(CommonFormFactory)
    state = FormAdoption.State.ADJUSTING


# --- procurement: vendor evaluation ---------------------------------------------------------------
class VendorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vendor

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Iterator(
        ["株式会社やまと情報システム", "飛鳥データサービス株式会社", "株式会社いかるが電算"]
    )


class RoundFactory(factory.django.DjangoModelFactory):
    """An open デモ評価 round with technical points 70 and price points 30, no criteria yet."""

    class Meta:
        model = Round

    workspace = factory.SubFactory(WorkspaceFactory)
    title = factory.Sequence(lambda n: f"デモ評価（第{n + 1}回）")
    opened_by = factory.SelfAttribute("workspace.created_by")


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    round = factory.SubFactory(RoundFactory)
    name = factory.Iterator(["操作性", "機能の網羅性", "標準準拠", "移行支援", "運用保守体制"])
    max_points = 20
    order = factory.Sequence(lambda n: n)


class BidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bid

    round = factory.SubFactory(RoundFactory)
    vendor = factory.SubFactory(VendorFactory, workspace=factory.SelfAttribute("..round.workspace"))
    price = 380_000_000


class ScoreFactory(factory.django.DjangoModelFactory):
    """An evaluator's points; `member` defaults to the evaluator's municipality's membership of the group."""

    class Meta:
        model = Score

    criterion = factory.SubFactory(CriterionFactory)
    round = factory.SelfAttribute("criterion.round")
    vendor = factory.SubFactory(VendorFactory, workspace=factory.SelfAttribute("..round.workspace"))
    member = factory.LazyAttribute(
        lambda o: o.round.workspace.members.get(municipality=o.evaluator.current_membership.municipality)
    )
    points = 15


def evaluation_round(
    workspace, *, vendors=("株式会社やまと情報システム", "飛鳥データサービス株式会社"), **fields
):
    """A round of `workspace` with two criteria (操作性 20, 移行支援 10) and the named vendors added."""
    made = RoundFactory(workspace=workspace, **fields)
    CriterionFactory(round=made, name="操作性", max_points=20, order=1)
    CriterionFactory(round=made, name="移行支援", max_points=10, order=2)
    for name in vendors:
        vendor, _created = Vendor.objects.get_or_create(workspace=workspace, name=name)
        made.vendors.add(vendor)
    return made


class MilestoneFactory(factory.django.DjangoModelFactory):
    """One step of a group's path (稼働 needs a `member`); the default plan comes with workspace_create."""

    class Meta:
        model = Milestone

    workspace = factory.SubFactory(WorkspaceFactory)
    step = Step.RFP
    owner = "事務局"


class SystemInUseFactory(factory.django.DjangoModelFactory):
    """A system a municipality runs (its inventory), on a five-year contract by default."""

    class Meta:
        model = "procurement.SystemInUse"

    municipality = factory.SubFactory(MunicipalityFactory)
    area = factory.SubFactory(SystemAreaFactory)
    name = "住民情報システム"
    vendor = "NEC"
    package = "COKAS-R/ADI"
    contract_start = datetime.date(2023, 4, 1)
    contract_end = datetime.date(2028, 3, 31)
    annual_cost = 38_000_000


def survey(author: User, municipalities, *, questions=None, state="open", deadline=None, **fields):
    """A survey built through the services as an advisor would, with realistic questions (one of each
    kind that needs no file), opened unless `state="draft"`. Deadline: three weeks ahead by default."""
    built = survey_services.survey_create(
        actor=author,
        title=fields.pop("title", "令和8年度 基幹業務システム等の利用状況調査"),
        description="標準準拠システムへの移行状況を伺います。",
        deadline=deadline or timezone.now() + datetime.timedelta(days=21),
        audience=Audience.CHOSEN,
        chosen=list(municipalities),
        **fields,
    )
    for question in SURVEY_QUESTIONS if questions is None else questions:
        survey_services.question_add(actor=author, survey_id=built.pk, **question)
    if state != "draft":
        survey_services.survey_open(actor=author, survey_id=built.pk)
        built.refresh_from_db()
    return built


SURVEY_QUESTIONS = [
    {
        "kind": "table",
        "label": "利用している基幹業務システム",
        "required": True,
        "columns": [
            {"name": "システム", "kind": "text"},
            {"name": "事業者", "kind": "text"},
            {"name": "契約終了日", "kind": "date"},
            {"name": "年間費用（千円）", "kind": "number"},
        ],
    },
    {"kind": "single", "label": "主な利用形態", "required": True, "choices": ["単独", "共同利用"]},
    {"kind": "number", "label": "情報システム担当の職員数", "required": True, "unit": "人"},
    {"kind": "yes_no", "label": "共同利用に関心がありますか"},
    {"kind": "multiple", "label": "困っていること", "choices": ["費用", "人材", "移行作業"]},
    {"kind": "date", "label": "次の更改予定日"},
    {"kind": "text", "label": "県への要望"},
]


# --- events ---------------------------------------------------------------------------------------
class EventFactory(factory.django.DjangoModelFactory):
    """A published study session a fortnight ahead, for every municipality, with 30 seats."""

    class Meta:
        model = "events.Event"

    kind = "study"
    title = "自治体情報システム標準化 勉強会"
    description = "標準準拠システムへの移行計画と、ガバメントクラウドの費用の見積り方を学びます。"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timezone.timedelta(hours=2))
    registration_deadline = factory.LazyAttribute(lambda o: o.starts_at - timezone.timedelta(days=3))
    place = "奈良県庁 第1会議室"
    capacity = 30
    state = "published"
    organiser = factory.LazyFunction(lambda: member(Role.ADVISOR))


def registered(event, person, *, state="confirmed", attended=None):
    """A registration made directly (for tests whose subject is what comes after registering)."""
    from events.models import Registration

    return Registration.objects.create(
        event=event,
        person=person,
        municipality=person.current_membership.municipality,
        registered_by=person,
        state=state,
        attended=attended,
    )
