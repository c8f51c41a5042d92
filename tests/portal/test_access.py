"""portal.access as a table: every role against every action (Zammad-style policy matrix)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cases.models import ReadinessAssessment
from portal import access
from portal.models import Membership, Role
from tests.factories import MembershipFactory, MunicipalityFactory, UserFactory, member

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "pending_staff_own",
    "ended_staff_own",
    "staff_own",
    "staff_other",
    "advisor",
    "official",
    "admin",
    "superuser_without_membership",
]


@pytest.fixture
def world():
    own = MunicipalityFactory(name="香芝市", kana="かしばし")
    other = MunicipalityFactory(name="河合町", kana="かわいちょう")
    people = {
        "anonymous": AnonymousUser(),
        "pending_staff_own": member(Role.STAFF, own, state=Membership.State.PENDING),
        "ended_staff_own": member(Role.STAFF, own, state=Membership.State.ENDED),
        "staff_own": member(Role.STAFF, own),
        "staff_other": member(Role.STAFF, other),
        "advisor": member(Role.ADVISOR),
        "official": member(Role.OFFICIAL),
        "admin": member(Role.ADMIN),
        "superuser_without_membership": UserFactory(is_superuser=True),
    }
    pending_staff = MembershipFactory(role=Role.STAFF, municipality=own, state=Membership.State.PENDING)
    pending_advisor = MembershipFactory(role=Role.ADVISOR, state=Membership.State.PENDING)
    own_assessment = ReadinessAssessment.objects.create(municipality=own, score=50, answers={})
    return {
        "own": own,
        "people": people,
        "pending_staff": pending_staff,
        "pending_advisor": pending_advisor,
        "own_assessment": own_assessment,
    }


def allowed(*personas):
    return {persona: persona in personas for persona in PERSONAS}


EVERYONE = allowed(*PERSONAS)
ADVISOR_ADMIN = allowed("advisor", "admin", "superuser_without_membership")

MATRIX = [
    ("portal.view_published", None, EVERYONE),
    ("portal.view_dashboard", None, allowed("advisor", "official", "admin", "superuser_without_membership")),
    ("portal.enter_cms", None, ADVISOR_ADMIN),
    ("portal.administer", None, allowed("admin", "superuser_without_membership")),
    ("membership.list", None, ADVISOR_ADMIN),
    ("membership.decide", "pending_staff", ADVISOR_ADMIN),
    ("membership.decide", "pending_advisor", allowed("admin", "superuser_without_membership")),
    (
        "municipality.view_members",
        "own",
        allowed("staff_own", "advisor", "admin", "superuser_without_membership"),
    ),
    ("case.review_stale", None, ADVISOR_ADMIN),
    ("case.like_mine", None, allowed("staff_own", "staff_other")),
    ("readiness.save", None, allowed("staff_own", "staff_other")),
    (
        "readiness.view",
        "own_assessment",
        allowed("staff_own", "advisor", "admin", "superuser_without_membership"),
    ),
    ("readiness.view_all", None, ADVISOR_ADMIN),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("action", "target", "expected"), MATRIX, ids=lambda v: v if isinstance(v, str) else ""
)
def test_access_matrix(world, persona, action, target, expected):
    user = world["people"][persona]
    obj = world[target] if target else None
    assert access.can(user, action, obj) is expected[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_mfa_is_required_exactly_for_advisors_and_admins(world, persona):
    assert access.mfa_required(world["people"][persona]) is ADVISOR_ADMIN[persona]


def test_memberships_for_advisor_lists_only_staff_requests(world):
    listed = set(access.memberships_for(world["people"]["advisor"]).values_list("role", flat=True))
    assert listed == {Role.STAFF}


def test_memberships_for_staff_is_empty(world):
    assert not access.memberships_for(world["people"]["staff_own"]).exists()


def test_require_raises_permission_denied_and_unknown_actions_are_errors(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        access.require(world["people"]["staff_own"], "portal.enter_cms")
    with pytest.raises(ValueError, match="Unknown action"):
        access.can(world["people"]["advisor"], "portal.no_such_action")


@pytest.mark.parametrize("persona", PERSONAS)
def test_readiness_assessments_for_follows_the_view_rule(world, persona):
    visible = access.readiness_assessments_for(world["people"][persona])
    assert visible.filter(pk=world["own_assessment"].pk).exists() is access.can(
        world["people"][persona], "readiness.view", world["own_assessment"]
    )
