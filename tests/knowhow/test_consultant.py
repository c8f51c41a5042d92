"""A procurement consultant works only inside its workspaces: know-how is not written for it."""

import pytest

from knowhow import policy
from portal import access
from portal.models import Role
from tests.factories import member
from tests.knowhow.conftest import ask

pytestmark = pytest.mark.django_db


def test_a_consultant_neither_lists_nor_opens_published_posts():
    post = ask(member(Role.STAFF))
    consultant = member(Role.CONSULTANT)
    assert not access.can(consultant, "post.list")
    assert not access.can(consultant, "post.view", post)
    assert not access.can(consultant, "post.create")
    assert list(policy.posts_for(consultant)) == []


def test_a_consultant_gets_404_for_the_know_how_pages(client):
    post = ask(member(Role.STAFF))
    client.force_login(member(Role.CONSULTANT))
    assert client.get("/knowhow/").status_code == 404
    assert client.get(f"/knowhow/{post.pk}/").status_code == 404
