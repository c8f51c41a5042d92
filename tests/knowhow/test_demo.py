"""load_demo gives the know-how exchange a realistic start, once."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from knowhow import freshness
from knowhow.models import Answer, Attachment, Helpful, Kind, Post, PostState, SameProblem, Source
from tests.conftest import built_once

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"


@pytest.fixture(scope="class")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The reference data and load_demo's first run, once for the class: each test's writes are rolled
    back to them. Yields the folder of the demo's files."""
    files = tmp_path_factory.mktemp("demo")

    def build():
        with override_settings(DEBUG=True, PRIVATE_STORAGE_ROOT=files):
            call_command("load_reference_data", verbosity=0)
            call_command("load_demo", stdout=StringIO())
        return files

    yield from built_once(django_db_blocker, build)


class TestAfterTheFirstLoad:
    """Tests that begin with load_reference_data and one load_demo share that start."""

    @pytest.fixture(autouse=True)
    def _private_files(self, settings, loaded):
        settings.PRIVATE_STORAGE_ROOT = loaded

    def test_load_demo_fills_the_know_how_exchange_once(self, settings):
        settings.DEBUG = True
        posts = Post.objects.exclude(kind=Kind.FAQ)
        assert posts.count() == 41
        assert set(posts.values_list("kind", flat=True)) == set(Kind.values) - {Kind.FAQ}
        assert posts.values("municipality").distinct().count() >= 6
        assert {"ガバメントクラウド", "LGWAN", "図書館", "共同調達", "SLA"} <= set(
            posts.values_list("tags__name", flat=True)
        )
        assert posts.filter(accepted_answer__isnull=False).count() == 1
        assert Answer.objects.count() >= 8 and Helpful.objects.count() >= 20
        assert SameProblem.objects.values("post").distinct().count() >= 3
        assert posts.filter(anonymous=True).count() == 1
        assert posts.filter(obsolete=True).count() == 1
        assert posts.filter(state=PostState.DRAFT).count() == 1
        assert posts.filter(state=PostState.HIDDEN).count() == 1
        assert posts.filter(state=PostState.PUBLISHED, flags__isnull=False).distinct().count() == 1
        assert posts.filter(revisions__isnull=False).exists()
        verified = posts.filter(verified_at__isnull=False)
        assert verified.exists()
        # 確認済 today means checked today: the demo's post due for review is another one.
        assert all(post.last_checked_on == timezone.localdate(post.verified_at) for post in verified)
        assert Source.objects.filter(post__derived_from__isnull=True).values("post").distinct().count() == 3
        assert freshness.due(posts).count() == 1
        derived = posts.get(derived_from__isnull=False)
        assert derived.is_published and derived.municipality_id != derived.derived_from.municipality_id
        assert derived.sources.count() == derived.derived_from.sources.count()
        files = Attachment.objects.filter(post__kind=Kind.TEMPLATE)
        assert files.count() == 2 and all(file.download_count > 0 for file in files)
        call_command("load_demo", stdout=None)
        assert Post.objects.count() == 42

    def test_load_demo_publishes_a_masked_faq_with_kashibas_consent_and_leaves_another_to_make(
        self, settings
    ):
        from consultations.models import Consultation
        from knowhow.models import ConsentState, Faq, VendorName

        settings.DEBUG = True
        call_command("load_demo", stdout=None)
        made = Faq.objects.get()
        assert made.post.is_published and made.consent == ConsentState.GIVEN
        assert made.owner.name == "香芝市" and made.decisions.count() == 2
        body = made.post.body
        assert "［事業者名］" in body and "［金額］" in body and "［電話番号］" in body
        assert "奈良システム" not in body and "香芝" not in body
        assert VendorName.objects.count() == 5
        waiting = Consultation.objects.filter(
            requester__email="kashiba.staff@example.jp", status="resolved", title__startswith="香芝市の"
        ).exclude(pk=made.source_pk)
        assert waiting.count() == 1 and not Faq.objects.filter(source_pk=waiting.get().pk).exists()

    def test_demo_posts_are_listed_for_kashiba_staff(self, client):
        from portal.models import User

        client.force_login(User.objects.get(email="kashiba.staff@example.jp"))
        page = client.get("/knowhow/").content.decode()
        # 41 posts and the FAQ, less the draft and the post hidden by flags.
        assert "投稿 40 件" in page, page[page.find('<h2 id="results"') :][:200]
        assert "庁内のファイルサーバをクラウドストレージに移した団体はありますか" in page


def test_the_demo_shares_problems_of_both_kinds_and_asks_a_case_study_once(settings):
    from knowhow import shared_problems
    from portal.models import User
    from tests.factories import SystemAreaFactory, home_page

    settings.DEBUG = True
    home_page()
    # Browser tests flush the tables, so the migrated taxonomy may be gone: the areas the demos use.
    for order, name in enumerate(["住民記録", "税務", "国保", "ネットワーク・LGWAN", "庁内情報系", "図書館"]):
        SystemAreaFactory(name=name, order=order)
    call_command("load_reference_data", verbosity=0)
    call_command("load_cases", verbosity=0)
    call_command("load_demo", stdout=None)
    call_command("load_demo", stdout=None)

    asked = Post.objects.get(asked_from_source="case_study")
    assert asked.is_published and asked.is_question and asked.addressed_to.count() >= 2
    assert asked.municipality not in asked.addressed_to.all()
    rankings = shared_problems.rankings_for(User.objects.get(email="advisor@example.jp"))
    assert len(rankings["questions"]) >= 3 and len(rankings["areas"]) >= 3
