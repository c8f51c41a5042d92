"""The header navigation and the home page's entry points: what each role is offered, in order."""

import re

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal import access, demo, navigation
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
    ("/notifications/", "通知"),
]
KNOWHOW = ("/knowhow/", "ノウハウ共有")
KNOWHOW_ENTRIES = [("/knowhow/new/", "質問・ノウハウを投稿する"), ("/knowhow/", "ノウハウ共有")]
SHARED_PROBLEMS = ("/knowhow/shared-problems/", "複数の団体に共通する課題")
EVENTS = ("/events/", "勉強会・研修会")
EVENTS_ENTRY = ("/events/", "勉強会・研修会に申し込む")
PROCUREMENT = ("/procurement/", "共同化検討会")
SURVEYS = ("/surveys/", "照会")
SURVEYS_ENTRY = ("/surveys/", "照会に回答する・照会を送る")
ADVISOR_ENTRIES = [
    ("/consultations/", "相談一覧"),
    ("/accounts/members/handover/", "人事異動の引継ぎ"),
    *CASE_ENTRIES,
    *KNOWHOW_ENTRIES,
    SHARED_PROBLEMS,
    EVENTS_ENTRY,
    PROCUREMENT,
    SURVEYS_ENTRY,
    ("/accounts/members/", "利用申請の承認"),
    ("/admin/", "コンテンツ管理"),
    ("/accounts/settings/", "アカウント設定"),
]
ADVISOR_NAV = [
    HOME,
    *DESK_FOR_ADVISORS,
    *CASES,
    KNOWHOW,
    EVENTS,
    PROCUREMENT,
    SURVEYS,
    ("/search/zero-results/", "見つからなかった検索語"),
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
            ("/notifications/", "通知"),
            *CASES,
            KNOWHOW,
            EVENTS,
            PROCUREMENT,
            SURVEYS,
        ],
        [
            ("/consultations/new/", "相談する"),
            ("/consultations/", "相談一覧"),
            ("/accounts/members/handover/", "人事異動の引継ぎ"),
            *CASE_ENTRIES,
            *KNOWHOW_ENTRIES,
            EVENTS_ENTRY,
            PROCUREMENT,
            SURVEYS_ENTRY,
            ("/accounts/settings/", "アカウント設定"),
        ],
    ),
    "official": (
        [
            HOME,
            ("/consultations/dashboard/", "相談窓口ダッシュボード"),
            ("/notifications/", "通知"),
            *CASES,
            KNOWHOW,
            EVENTS,
            PROCUREMENT,
            SURVEYS,
        ],
        [
            *CASE_ENTRIES,
            ("/knowhow/", "ノウハウ共有"),
            SHARED_PROBLEMS,
            EVENTS_ENTRY,
            PROCUREMENT,
            SURVEYS_ENTRY,
            ("/accounts/settings/", "アカウント設定"),
        ],
    ),
    "advisor": (ADVISOR_NAV, ADVISOR_ENTRIES),
    "admin": (ADVISOR_NAV, ADVISOR_ENTRIES),
}


def _log_in(log_in, who):
    if who == "anonymous":
        return
    if who == "pending staff":
        log_in(member(Role.STAFF, state=Membership.State.PENDING))
    else:
        log_in(member(who))


def _links(html, opening):
    block = re.search(rf"{opening}.*?</ul>", html, re.S).group(0)
    return re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', block)


@pytest.mark.parametrize("who", OFFERED)
def test_each_role_is_offered_its_pages_in_the_order_of_today(client, log_in, who):
    _log_in(log_in, who)
    html = client.get("/").content.decode()
    navigation, entry_points = OFFERED[who]
    assert _links(html, '<nav class="site-nav"') == navigation
    assert _links(html, '<ul class="entry-points">') == entry_points


@pytest.fixture
def registries(monkeypatch):
    """The registries as the apps left them, restored after the test."""
    monkeypatch.setattr(navigation._sections, "_items", dict(navigation._sections._items))
    monkeypatch.setattr(navigation._entry_points, "_items", dict(navigation._entry_points._items))
    monkeypatch.setattr(demo._loaders, "_items", dict(demo._loaders._items))


def _for_officials(user):
    return access.role_of(user) == Role.OFFICIAL


@pytest.mark.parametrize("who", OFFERED)
def test_a_registered_entry_is_offered_to_the_roles_it_names_and_no_one_else(client, log_in, registries, who):
    navigation.register_sections(
        navigation.Section(
            name="test.policy",
            label="方針",
            url_name="accessibility_policy",
            order=150,
            visible_to=_for_officials,
        ),
        navigation.Section(
            name="test.members",
            label="承認",
            url_name="membership_list",
            order=950,
            visible_to="membership.list",
        ),
    )
    navigation.register_entry_points(
        navigation.EntryPoint(
            name="test.policy",
            label="方針を読む",
            url_name="accessibility_policy",
            description="試験用の入口。",
            order=150,
            visible_to=_for_officials,
        )
    )
    _log_in(log_in, who)
    html = client.get("/").content.decode()
    shown = _links(html, '<nav class="site-nav"')
    entries = _links(html, '<ul class="entry-points">')
    assert (("/accessibility/", "方針") in shown) == (who == Role.OFFICIAL)
    assert (("/accessibility/", "方針を読む") in entries) == (who == Role.OFFICIAL)
    assert (("/accounts/members/", "承認") in shown) == (who in (Role.ADVISOR, Role.ADMIN))


def test_a_section_shows_its_badge_label_while_the_count_is_not_zero(registries):
    counts = {"n": 0}
    navigation.register_sections(
        navigation.Section(
            name="test.badge",
            label="お知らせ",
            url_name="accessibility_policy",
            order=150,
            visible_to=navigation.everyone,
            badge=lambda user: counts["n"],
            badge_label="お知らせ（%(n)d 件）",
        )
    )
    user = member(Role.STAFF)
    assert navigation.Entry("お知らせ", "/accessibility/") in navigation.items_for(user)
    counts["n"] = 3
    assert navigation.Entry("お知らせ（3 件）", "/accessibility/") in navigation.items_for(user)


def test_an_entry_name_registered_twice_is_refused_and_nothing_of_the_batch_is_added(registries):
    section = navigation.Section(
        name="test.twice",
        label="二重",
        url_name="accessibility_policy",
        order=150,
        visible_to=navigation.everyone,
    )
    navigation.register_sections(section)
    other = navigation.Section(
        name="test.other",
        label="別",
        url_name="accessibility_policy",
        order=160,
        visible_to=navigation.everyone,
    )
    with pytest.raises(ImproperlyConfigured, match=r"test\.twice"):
        navigation.register_sections(other, section)
    assert "別" not in [entry.label for entry in navigation.items_for(member(Role.STAFF))]
    with pytest.raises(ImproperlyConfigured, match=r"consultations\.queue"):
        navigation.register_entry_points(
            navigation.EntryPoint(
                name="consultations.queue",
                label="相談一覧",
                url_name="accessibility_policy",
                description="",
                order=110,
                visible_to=navigation.everyone,
            )
        )


def test_a_demo_loader_registered_twice_is_refused(registries):
    with pytest.raises(ImproperlyConfigured, match="consultations"):
        demo.register("consultations", lambda password: "again", order=100)


def test_a_demo_loader_reads_what_an_earlier_one_of_the_same_run_handed(monkeypatch):
    monkeypatch.setattr(demo._loaders, "_items", {})
    monkeypatch.setattr(demo, "_handed", {"stale": "from an earlier run"})
    demo.register("later", lambda password: f"got {demo.handed('example')} {demo.handed('stale')}", order=2)
    demo.register("earlier", lambda password: demo.hand("example", password) or "handed", order=1)

    assert demo.run("secret") == ["handed", "got secret None"]
