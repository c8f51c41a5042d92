"""surveys' rules as a table: every relation a person can have to a survey against every registered
survey action; the kernel matrix's test_every_registered_action_has_a_row_in_the_matrix counts them."""

import copy

import pytest
from django.test import override_settings

from portal import access
from surveys import policy
from tests.conftest import built_once
from tests.surveys.worlds import PERSONAS, build_persona_world

pytestmark = pytest.mark.django_db


def allowed(*personas):
    return {persona: persona in personas for persona in PERSONAS}


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker, tmp_path_factory):
    with override_settings(PRIVATE_STORAGE_ROOT=tmp_path_factory.mktemp("surveys-matrix")):
        yield from built_once(django_db_blocker, build_persona_world)


@pytest.fixture
def world(_built):
    return copy.deepcopy(_built)


MEMBERS = allowed("staff_own", "staff_other", "staff_unasked", "advisor", "official", "builder_official")
BUILDERS = allowed("advisor", "builder_official")
ASKED = allowed("staff_own", "staff_other")

# (action, target, who may)
SURVEYS_MATRIX = [
    ("survey.list", None, MEMBERS),
    ("survey.create", None, BUILDERS),
    ("survey.view", "survey", allowed("staff_own", "staff_other", "advisor")),
    ("survey.view", "shared", allowed("staff_own", "staff_other", "advisor", "official", "builder_official")),
    ("survey.view", "draft", allowed("advisor")),
    ("survey.view", "own_draft", BUILDERS),
    ("survey.edit", "draft", allowed("advisor")),
    ("survey.edit", "own_draft", BUILDERS),
    ("survey.edit", "survey", allowed()),
    ("survey.open", "own_draft", BUILDERS),
    ("survey.close", "survey", allowed("advisor")),
    ("survey.manage", "survey", allowed("advisor")),
    ("survey.manage", "own_draft", BUILDERS),
    ("survey.results", "survey", allowed("advisor")),
    (
        "survey.results",
        "shared",
        allowed("staff_own", "staff_other", "advisor", "official", "builder_official"),
    ),
    ("survey.results", "draft", allowed("advisor")),
    ("survey.export", "survey", allowed("advisor")),
    (
        "survey.export",
        "shared",
        allowed("staff_own", "staff_other", "advisor", "official", "builder_official"),
    ),
    ("survey.answer", "survey", ASKED),
    ("survey.answer", "draft", allowed()),
    ("survey.approve", "survey", allowed()),
    ("survey_response.view", "response", allowed("staff_other", "advisor")),
    (
        "survey_response.view",
        "shared_response",
        allowed("staff_own", "staff_other", "advisor", "official", "builder_official"),
    ),
    ("survey_response.reopen", "response", allowed("advisor")),
    ("survey_response.feed", "response", allowed("staff_other")),
    (
        "survey_file.download",
        "file",
        allowed("staff_own", "staff_other", "advisor", "official", "builder_official"),
    ),
]


@pytest.mark.parametrize("persona", PERSONAS)
def test_surveys_access_matrix(world, persona):
    """The whole table for one persona: a failure lists every (action, target) that differs."""
    user = world["people"][persona]
    decided = {
        (action, target): access.can(user, action, world[target] if target else None)
        for action, target, _expected in SURVEYS_MATRIX
    }
    assert decided == {(action, target): expected[persona] for action, target, expected in SURVEYS_MATRIX}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_querysets_agree_with_the_rules(world, persona):
    user = world["people"][persona]
    for name in ("survey", "shared", "draft", "own_draft"):
        assert policy.surveys_for(user).filter(pk=world[name].pk).exists() == access.can(
            user, "survey.view", world[name]
        )
    for name in ("response", "shared_response"):
        assert policy.responses_for(user).filter(pk=world[name].pk).exists() == access.can(
            user, "survey_response.view", world[name]
        )
    assert policy.files_for(user).filter(pk=world["file"].pk).exists() == access.can(
        user, "survey_file.download", world["file"]
    )
