"""Every desk URL and method against every persona (role × municipality): anonymous visitors go to log
in, and what is outside a user's scope answers 404, so a reference number leaks nothing."""

import copy
import datetime

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from consultations import exports
from consultations.models import Export
from portal import handover as handovers
from portal.models import Role
from tests.conftest import built_once
from tests.consultations.conftest import build_desk
from tests.factories import VisitFactory, member

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "staff_own", "staff_other", "advisor", "official"]


def url(name, desk, **extra):
    c = desk["c"]
    args = {
        "detail": [c.reference],
        "reply": [c.reference],
        "note": [c.reference],
        "transition": [c.reference],
        "assign": [c.reference],
        "follow": [c.reference],
        "rate": [c.reference],
        "request_visit": [c.reference],
        "edit_message": [c.reference, desk["reply"].pk],
        "download_public": [c.reference, desk["public_file"].pk],
        "download_internal": [c.reference, desk["internal_file"].pk],
        "visit_edit": [desk["visit"].pk],
        "export_download": [desk["export"].pk],
        "handover_detail": [desk["handover"].pk],
        "handover_confirm": [desk["handover"].pk],
        "handover_refuse": [desk["handover"].pk],
        "handover_cancel": [desk["handover"].pk],
    }.get(name, [])
    route = "download" if name.startswith("download") else name
    # The hand-over pages are the kernel's now (portal's URL map, no namespace).
    return reverse(route if route.startswith("handover") else f"consultations:{route}", args=args)


OK, NOT_FOUND, LOGIN, REDIRECT, BAD = 200, 404, "login", 302, 400

# (url name, method, {persona: expected}) — anonymous always goes to the login page.
MATRIX = [
    ("queue", "get", {"staff_own": OK, "staff_other": OK, "advisor": OK, "official": NOT_FOUND}),
    ("export", "get", {"staff_own": OK, "staff_other": OK, "advisor": OK, "official": NOT_FOUND}),
    ("exports", "get", {"staff_own": OK, "staff_other": OK, "advisor": OK, "official": NOT_FOUND}),
    # staff_own's own export: nobody else may fetch it, advisors included.
    (
        "export_download",
        "get",
        {"staff_own": OK, "staff_other": NOT_FOUND, "advisor": NOT_FOUND, "official": NOT_FOUND},
    ),
    ("new", "get", {"staff_own": OK, "staff_other": OK, "advisor": NOT_FOUND, "official": NOT_FOUND}),
    ("new", "post", {"staff_own": OK, "staff_other": OK, "advisor": NOT_FOUND, "official": NOT_FOUND}),
    ("detail", "get", {"staff_own": OK, "staff_other": NOT_FOUND, "advisor": OK, "official": NOT_FOUND}),
    ("reply", "post", {"staff_own": BAD, "staff_other": NOT_FOUND, "advisor": BAD, "official": NOT_FOUND}),
    (
        "note",
        "post",
        {"staff_own": NOT_FOUND, "staff_other": NOT_FOUND, "advisor": BAD, "official": NOT_FOUND},
    ),
    (
        "transition",
        "post",
        {"staff_own": REDIRECT, "staff_other": NOT_FOUND, "advisor": REDIRECT, "official": NOT_FOUND},
    ),
    (
        "assign",
        "post",
        {"staff_own": NOT_FOUND, "staff_other": NOT_FOUND, "advisor": REDIRECT, "official": NOT_FOUND},
    ),
    (
        "follow",
        "post",
        {"staff_own": NOT_FOUND, "staff_other": NOT_FOUND, "advisor": REDIRECT, "official": NOT_FOUND},
    ),
    (
        "rate",
        "post",
        {"staff_own": NOT_FOUND, "staff_other": NOT_FOUND, "advisor": NOT_FOUND, "official": NOT_FOUND},
    ),
    (
        "request_visit",
        "post",
        {"staff_own": BAD, "staff_other": NOT_FOUND, "advisor": BAD, "official": NOT_FOUND},
    ),
    (
        "edit_message",
        "get",
        {"staff_own": NOT_FOUND, "staff_other": NOT_FOUND, "advisor": OK, "official": NOT_FOUND},
    ),
    (
        "edit_message",
        "post",
        {"staff_own": NOT_FOUND, "staff_other": NOT_FOUND, "advisor": OK, "official": NOT_FOUND},
    ),
    (
        "download_public",
        "get",
        {"staff_own": OK, "staff_other": NOT_FOUND, "advisor": OK, "official": NOT_FOUND},
    ),
    (
        "download_internal",
        "get",
        {"staff_own": NOT_FOUND, "staff_other": NOT_FOUND, "advisor": OK, "official": NOT_FOUND},
    ),
    (
        "bulk_assign",
        "post",
        {"staff_own": NOT_FOUND, "staff_other": NOT_FOUND, "advisor": REDIRECT, "official": NOT_FOUND},
    ),
    (
        "visits",
        "get",
        {"staff_own": OK, "staff_other": OK, "advisor": OK, "official": NOT_FOUND},
    ),
    (
        "visits",
        "post",
        {"staff_own": OK, "staff_other": OK, "advisor": OK, "official": NOT_FOUND},
    ),
    (
        "visit_edit",
        "get",
        {"staff_own": NOT_FOUND, "staff_other": NOT_FOUND, "advisor": OK, "official": NOT_FOUND},
    ),
    (
        "visit_edit",
        "post",
        {"staff_own": NOT_FOUND, "staff_other": NOT_FOUND, "advisor": OK, "official": NOT_FOUND},
    ),
    ("dashboard", "get", {"staff_own": NOT_FOUND, "staff_other": NOT_FOUND, "advisor": OK, "official": OK}),
    ("handover", "get", {"staff_own": OK, "staff_other": OK, "advisor": OK, "official": NOT_FOUND}),
    ("handover", "post", {"staff_own": OK, "staff_other": OK, "advisor": OK, "official": NOT_FOUND}),
    # A colleague asked to hand staff_own's work over: the leaver and advisors decide, nobody else sees it.
    (
        "handover_detail",
        "get",
        {"staff_own": OK, "staff_other": NOT_FOUND, "advisor": OK, "official": NOT_FOUND},
    ),
    (
        "handover_confirm",
        "post",
        {"staff_own": REDIRECT, "staff_other": NOT_FOUND, "advisor": REDIRECT, "official": NOT_FOUND},
    ),
    (
        "handover_refuse",
        "post",
        {"staff_own": BAD, "staff_other": NOT_FOUND, "advisor": BAD, "official": NOT_FOUND},
    ),
    (
        "handover_cancel",
        "post",
        {"staff_own": NOT_FOUND, "staff_other": NOT_FOUND, "advisor": NOT_FOUND, "official": NOT_FOUND},
    ),
]


def ready_export(user):
    """An export its task has built (the file written to private storage, the row ready)."""
    export = Export.objects.create(requester=user, query="", language="ja")
    stored = exports.private_storage().save(f"{exports.FOLDER}/built.csv", ContentFile(b"\xef\xbb\xbf"))
    Export.objects.filter(pk=export.pk).update(
        state=Export.State.READY,
        stored_name=stored.rsplit("/", 1)[-1],
        name="consultations.csv",
        row_count=0,
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    export.refresh_from_db()
    return export


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker, tmp_path_factory):
    """The desk, its visit and a hand-over, built once for the module: each test's requests are rolled
    back."""
    files = tmp_path_factory.mktemp("desk-url-access")

    def build():
        with override_settings(PRIVATE_STORAGE_ROOT=files):
            desk = build_desk()
            desk["export"] = ready_export(desk["people"]["staff_own"])
        desk["visit"] = VisitFactory(municipality=desk["own"], consultation=desk["c"], preferred_dates="来週")
        desk["handover"] = handovers.handover_request(
            actor=member(Role.STAFF, desk["own"]),
            leaver_membership_id=desk["people"]["staff_own"].current_membership.pk,
            successor=member(Role.STAFF, desk["own"]),
        )
        return {"files": files, "world": desk}

    yield from built_once(django_db_blocker, build)


@pytest.fixture(autouse=True)
def _private_files(settings, _built):
    settings.PRIVATE_STORAGE_ROOT = _built["files"]


@pytest.fixture
def world(_built):
    return copy.deepcopy(_built["world"])


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("name", "method", "expected"), MATRIX, ids=lambda v: v if isinstance(v, str) else ""
)
def test_desk_url_matrix(client, log_in, world, persona, name, method, expected):
    if persona != "anonymous":
        log_in(world["people"][persona])
    response = getattr(client, method)(url(name, world), {})
    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == expected[persona]


def test_staff_of_another_municipality_gets_404_for_an_unknown_and_a_foreign_reference_alike(
    client, log_in, world
):
    log_in(world["people"]["staff_other"])
    foreign = client.get(reverse("consultations:detail", args=[world["c"].reference]))
    unknown = client.get(reverse("consultations:detail", args=["C-2099-99999"]))
    assert foreign.status_code == unknown.status_code == 404
