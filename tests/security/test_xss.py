"""Rich text from users is cut to the allow-list on input and cannot run script on any page."""

import copy

import pytest
from django.test import override_settings
from django.urls import reverse

from consultations.models import Consultation
from tests.conftest import built_once
from tests.consultations.conftest import build_desk

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert('x')</script>本文",
    '<img src=x onerror="alert(1)">本文',
    '<a href="javascript:alert(1)">リンク</a>',
    '<p style="background:url(javascript:alert(1))" onmouseover="alert(1)">本文</p>',
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="https://evil.example/"></iframe>本文',
]
FORBIDDEN = ["<script", "onerror", "javascript:", "onmouseover", "<iframe", "<svg", "style="]


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker, tmp_path_factory):
    """The desk, built once for the module: what each payload writes is rolled back."""
    files = tmp_path_factory.mktemp("xss")

    def build():
        with override_settings(PRIVATE_STORAGE_ROOT=files):
            return {"files": files, "desk": build_desk()}

    yield from built_once(django_db_blocker, build)


@pytest.fixture(autouse=True)
def _private_files(settings, _built):
    settings.PRIVATE_STORAGE_ROOT = _built["files"]


@pytest.fixture
def desk(_built):
    return copy.deepcopy(_built["desk"])


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_a_new_consultation_and_a_reply_are_neutralised(client, log_in, desk, payload):
    staff = desk["people"]["staff_own"]
    log_in(staff)
    client.post(
        reverse("consultations:new"),
        {"title": "XSS試験", "body": payload, "category": "other", "priority": "normal"},
    )
    filed = Consultation.objects.get(title="XSS試験")
    client.post(reverse("consultations:reply", args=[filed.reference]), {"reply-body": payload})
    stored = [filed.body, filed.messages.get().body]
    page = client.get(reverse("consultations:detail", args=[filed.reference])).content.decode()
    thread = page[page.index('id="thread"') :]
    for text in [*stored, thread]:
        for bad in FORBIDDEN:
            assert bad not in text.lower(), (bad, text[:200])


def test_allowed_formatting_survives(client, log_in, desk):
    log_in(desk["people"]["staff_own"])
    client.post(
        reverse("consultations:new"),
        {
            "title": "書式",
            "body": '<p><strong>重要</strong> <a href="https://www.digital.go.jp/">参考</a></p><ul><li>一</li></ul>',
            "category": "other",
            "priority": "normal",
        },
    )
    body = Consultation.objects.get(title="書式").body
    assert "<strong>重要</strong>" in body and "<li>一</li>" in body
    assert 'href="https://www.digital.go.jp/"' in body and 'rel="noopener noreferrer nofollow"' in body
