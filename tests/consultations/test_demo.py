"""load_demo gives the desk a realistic history: every status, replies, notes, visits, ratings."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from consultations import counts
from consultations.models import Consultation, Message, Rating, Status, Visit
from tests.conftest import built_once

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The reference data and load_demo's first run, once for the module: each test's writes are rolled
    back to them. Yields the folder of the demo's files."""
    files = tmp_path_factory.mktemp("demo")

    def build():
        with override_settings(DEBUG=True, PRIVATE_STORAGE_ROOT=files):
            call_command("load_reference_data", verbosity=0)
            call_command("load_demo", stdout=StringIO())
        return files

    yield from built_once(django_db_blocker, build)


@pytest.fixture(autouse=True)
def _private_files(settings, loaded):
    settings.PRIVATE_STORAGE_ROOT = loaded


def test_load_demo_fills_the_desk_once(settings):
    settings.DEBUG = True
    assert Consultation.objects.count() == 32
    assert set(Consultation.objects.values_list("status", flat=True)) == set(Status.values)
    assert Consultation.objects.values("municipalities").distinct().count() >= 5
    assert Message.objects.filter(internal=True).exists() and Message.objects.filter(internal=False).exists()
    assert Rating.objects.count() >= 5
    assert Visit.objects.filter(consultation__isnull=True, state="done").exists()
    assert Visit.objects.filter(state="scheduled").exists()
    call_command("load_demo", stdout=None)
    assert Consultation.objects.count() == 32


def test_the_demo_has_resolved_kashiba_consultations_with_things_a_faq_must_mask():
    stories = Consultation.objects.filter(
        requester__email="kashiba.staff@example.jp", status=Status.RESOLVED, title__startswith="香芝市の"
    )
    assert stories.count() == 2
    for story in stories:
        public = " ".join(story.messages.filter(internal=False).values_list("body", flat=True))
        assert "万円" in story.body + public and "香芝さん" in public
        assert story.messages.filter(internal=True).exists()


def test_demo_references_rise_with_filing_dates_within_one_fiscal_year():
    from django.utils import timezone

    from consultations.models import fiscal_year_of

    demo = list(Consultation.objects.order_by("reference"))
    assert len({c.fiscal_year for c in demo}) == 1
    assert all(fiscal_year_of(timezone.localdate(c.created_at)) == c.fiscal_year for c in demo), [
        (c.reference, c.created_at) for c in demo
    ]
    filed = [c.created_at for c in demo]
    assert filed == sorted(filed)


def test_load_demo_queues_no_notices_for_its_invented_history():
    from django_tasks_db.models import DBTaskResult

    assert not DBTaskResult.objects.filter(task_path__contains="notify").exists()


def test_the_demo_desk_counts_agree_with_its_dated_back_history():
    assert not any(counts.drift().values())
