"""Rich text from users is cut to the allow-list on input and cannot run script on any page."""

import pytest
from django.urls import reverse

from consultations.models import Consultation

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
