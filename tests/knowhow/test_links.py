"""A know-how post's page, as a link elsewhere in the portal names it (portal.links)."""

import pytest

from knowhow import moderation
from knowhow.models import ModerationKind
from portal.links import opens
from portal.models import Role
from tests.factories import MunicipalityFactory, member
from tests.knowhow.conftest import ask

pytestmark = pytest.mark.django_db


def test_a_published_post_and_its_revisions_open_for_any_member_and_a_missing_one_for_nobody():
    post = ask(member(Role.STAFF))
    reader = member(Role.STAFF, MunicipalityFactory())
    assert opens(reader, f"/knowhow/{post.pk}/") and opens(reader, f"/knowhow/{post.pk}/revisions/")
    assert not opens(member(Role.ADVISOR), f"/knowhow/{post.pk + 1000}/")


def test_a_hidden_post_no_longer_opens_for_other_members():
    post = ask(member(Role.STAFF))
    advisor = member(Role.ADVISOR)
    moderation.moderation_decide(
        actor=advisor,
        post_id=post.pk,
        decision=ModerationKind.KEPT_HIDDEN,
        reason="電話番号",
    )
    assert not opens(member(Role.STAFF, MunicipalityFactory()), f"/knowhow/{post.pk}/")
    assert opens(advisor, f"/knowhow/{post.pk}/")
