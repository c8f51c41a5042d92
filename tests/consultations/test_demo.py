"""load_demo gives the desk a realistic history: every status, replies, notes, visits, ratings."""

import pytest
from django.core.management import call_command

from consultations.models import Consultation, Message, Rating, Status, Visit

pytestmark = pytest.mark.django_db


def test_load_demo_fills_the_desk_once(settings):
    settings.DEBUG = True
    call_command("load_reference_data", verbosity=0)
    call_command("load_demo", stdout=None)
    assert Consultation.objects.count() == 32
    assert set(Consultation.objects.values_list("status", flat=True)) == set(Status.values)
    assert Consultation.objects.values("municipalities").distinct().count() >= 5
    assert Message.objects.filter(internal=True).exists() and Message.objects.filter(internal=False).exists()
    assert Rating.objects.count() >= 5
    assert Visit.objects.filter(consultation__isnull=True, state="done").exists()
    assert Visit.objects.filter(state="scheduled").exists()
    call_command("load_demo", stdout=None)
    assert Consultation.objects.count() == 32


def test_the_demo_has_resolved_kashiba_consultations_with_things_a_faq_must_mask(settings):
    settings.DEBUG = True
    call_command("load_reference_data", verbosity=0)
    call_command("load_demo", stdout=None)
    stories = Consultation.objects.filter(
        requester__email="kashiba.staff@example.jp", status=Status.RESOLVED, title__startswith="香芝市の"
    )
    assert stories.count() == 2
    for story in stories:
        public = " ".join(story.messages.filter(internal=False).values_list("body", flat=True))
        assert "万円" in story.body + public and "香芝さん" in public
        assert story.messages.filter(internal=True).exists()


def test_demo_references_rise_with_filing_dates_within_one_fiscal_year(settings):
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    from consultations.models import Consultation, fiscal_year_of

    settings.DEBUG = True
    call_command("load_reference_data", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    demo = list(Consultation.objects.order_by("reference"))
    assert len({c.fiscal_year for c in demo}) == 1
    assert all(fiscal_year_of(timezone.localdate(c.created_at)) == c.fiscal_year for c in demo), [
        (c.reference, c.created_at) for c in demo
    ]
    filed = [c.created_at for c in demo]
    assert filed == sorted(filed)


def test_load_demo_queues_no_notices_for_its_invented_history(settings):
    from django_tasks_db.models import DBTaskResult

    settings.DEBUG = True
    call_command("load_reference_data", verbosity=0)
    call_command("load_demo", stdout=None)

    assert not DBTaskResult.objects.filter(task_path__contains="notify").exists()
