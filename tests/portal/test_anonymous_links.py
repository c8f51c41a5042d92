"""Anonymous visitors are never sent to the login page by a link that does not say so."""

import re
from html import unescape
from urllib.parse import urldefrag, urlsplit

import pytest
from django.urls import reverse

from tests.factories import case_study, home_page

pytestmark = pytest.mark.django_db

LOGIN_NEEDED = "（ログインが必要です）"
LINK = re.compile(r'<a\s[^>]*href="([^"]+)"[^>]*>(.*?)</a>', re.S)
START = ["/", "/cases/", "/cases/adoption/", "/cases/typology/", "/cases/compare/", "/accessibility/"]


def test_every_link_an_anonymous_visitor_sees_says_when_it_needs_a_login(client):
    home_page()
    case = case_study(title="共同クラウドの事例")
    login = reverse("account_login")
    to_visit, seen, offenders, answers = [*START, case.url], set(), [], {}
    # Walks every page an anonymous visitor can open, following the links they are shown.
    while to_visit:
        path = to_visit.pop()
        if path in seen or path.startswith(("/static/", "/documents/", "/admin/")):
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        for href, text in LINK.findall(response.content.decode()):
            target = urldefrag(unescape(href)).url
            if not target.startswith("/") or target.startswith("//"):
                continue
            if target not in answers:
                answer = client.get(target)
                answers[target] = answer.status_code == 302 and urlsplit(answer["Location"]).path == login
            if answers[target]:
                if LOGIN_NEEDED not in text and target != login:
                    offenders.append((path, target, re.sub(r"<[^>]+>", "", text).strip()))
            else:
                to_visit.append(urlsplit(target).path)
    assert len(seen) > len(START)  # the walk went beyond its starting pages
    assert offenders == [], "\n".join(map(str, offenders))
