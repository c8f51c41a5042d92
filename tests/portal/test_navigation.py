"""The header navigation and the home page's entry points: what each role is offered, in order."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from portal.models import Membership, Role
from tests.factories import member

pytestmark = pytest.mark.django_db

HOME = ("/", "ホーム")
CASES = [("/cases/", "成功事例"), ("/cases/adoption/", "推進状況")]
CASE_ENTRIES = [
    ("/cases/", "成功事例"),
    ("/cases/adoption/", "市町村の推進状況"),
    ("/cases/readiness/", "準備度の自己診断"),
]
DESK_FOR_ADVISORS = [
    ("/consultations/", "相談"),
    ("/consultations/visits/", "出前相談"),
    ("/consultations/dashboard/", "相談窓口ダッシュボード"),
    ("/consultations/notifications/", "通知"),
]
ADVISOR_ENTRIES = [
    ("/consultations/", "相談一覧"),
    ("/consultations/handover/", "人事異動の引継ぎ"),
    *CASE_ENTRIES,
    ("/accounts/members/", "利用申請の承認"),
    ("/admin/", "コンテンツ管理"),
    ("/accounts/settings/", "アカウント設定"),
]
ADVISOR_NAV = [
    HOME,
    *DESK_FOR_ADVISORS,
    *CASES,
    ("/accounts/members/", "利用申請の承認"),
    ("/admin/", "コンテンツ管理"),
]

OFFERED = {
    "anonymous": (
        [HOME, *CASES],
        [("/accounts/login/", "ログイン"), ("/accounts/signup/", "利用登録")],
    ),
    "pending staff": ([HOME, *CASES], [*CASE_ENTRIES, ("/accounts/settings/", "アカウント設定")]),
    "staff": (
        [
            HOME,
            ("/consultations/", "相談"),
            ("/consultations/visits/", "出前相談"),
            ("/consultations/notifications/", "通知"),
            *CASES,
        ],
        [
            ("/consultations/new/", "相談する"),
            ("/consultations/", "相談一覧"),
            ("/consultations/handover/", "人事異動の引継ぎ"),
            *CASE_ENTRIES,
            ("/accounts/settings/", "アカウント設定"),
        ],
    ),
    "official": (
        [
            HOME,
            ("/consultations/dashboard/", "相談窓口ダッシュボード"),
            ("/consultations/notifications/", "通知"),
            *CASES,
        ],
        [*CASE_ENTRIES, ("/accounts/settings/", "アカウント設定")],
    ),
    "advisor": (ADVISOR_NAV, ADVISOR_ENTRIES),
    "admin": (ADVISOR_NAV, ADVISOR_ENTRIES),
}


def _log_in(client, who):
    if who == "anonymous":
        return
    if who == "pending staff":
        user = member(Role.STAFF, state=Membership.State.PENDING)
    else:
        user = member(who)
        if who in (Role.ADVISOR, Role.ADMIN):
            TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client.force_login(user)


def _links(html, opening):
    block = re.search(rf"{opening}.*?</ul>", html, re.S).group(0)
    return re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', block)


@pytest.mark.parametrize("who", OFFERED)
def test_each_role_is_offered_its_pages_in_the_order_of_today(client, who):
    _log_in(client, who)
    html = client.get("/").content.decode()
    navigation, entry_points = OFFERED[who]
    assert _links(html, '<nav class="site-nav"') == navigation
    assert _links(html, '<ul class="entry-points">') == entry_points
