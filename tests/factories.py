"""One factory per model, with realistic Japanese values."""

import secrets

import factory
from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.utils import timezone
from wagtail.models import Collection, Locale, Page, Site

from portal.models import HomePage, Membership, Municipality, MunicipalityEmailDomain, Role, SystemArea, User
from procurement.models import Invitation, Member, MemberCost, Secretariat, Workspace

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
