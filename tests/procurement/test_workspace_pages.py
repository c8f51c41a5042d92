"""Founding and editing a group, its members' 担当者 and 首長の了承日, leaving, the secretariat and its
consultant accounts, and 「共同調達を検討する」 among the ways to start joint work."""

import re

import pytest
from django.urls import reverse

from portal import navigation
from portal.models import Membership, Role, SystemArea, User
from procurement import joint_work
from procurement.milestones import plan_create
from procurement.models import Member, Milestone, Secretariat, Step, Workspace
from procurement.relations import Relation, relation_of
from procurement.services_workspace import WorkspaceError, workspace_create
from tests.factories import PASSWORD, MunicipalityFactory, WorkspaceFactory, member

pytestmark = pytest.mark.django_db


def new_form(**overrides):
    data = {
        "name": "西和 基幹システム共同化検討会",
        "slug": "seiwa-kikan",
        "arrangement": "voluntary",
        "purpose": "cost",
    }
    return data | overrides


def test_staff_found_a_group_with_their_own_town_as_founder_and_themselves_as_its_contact(client, log_in):
    own = MunicipalityFactory(name="王寺町", name_en="Oji Town")
    partner = MunicipalityFactory(name="平群町", name_en="Heguri Town")
    staff = member(Role.STAFF, own)
    log_in(staff)

    response = client.post(reverse("procurement:workspace_new"), new_form(founders=[partner.pk]))

    workspace = Workspace.objects.get(slug="seiwa-kikan")
    assert response.status_code == 302 and response["Location"] == f"/procurement/{workspace.slug}/"
    founders = {m.municipality.name: m.contact for m in workspace.members.all()}
    assert founders == {"王寺町": staff, "平群町": None}
    assert all(m.is_founder for m in workspace.members.all())
    assert not workspace.secretariat.exists()
    # The default plan: the eleven steps once, and 稼働 per founder.
    assert workspace.milestones.filter(member__isnull=True).count() == 11
    assert set(
        workspace.milestones.filter(step=Step.GO_LIVE).values_list("member__municipality__name", flat=True)
    ) == {
        "王寺町",
        "平群町",
    }


def test_staff_may_found_with_at_most_one_other_town_and_are_told_so():
    own = MunicipalityFactory()
    others = [MunicipalityFactory(), MunicipalityFactory()]

    with pytest.raises(WorkspaceError, match="ほかに1団体までです"):
        workspace_create(actor=member(Role.STAFF, own), name="三団体の検討会", slug="three", founders=others)

    assert not Workspace.objects.exists()


def test_staff_choose_the_second_founder_from_one_list_without_their_own_town(client, log_in):
    own = MunicipalityFactory(name="王寺町")
    log_in(member(Role.STAFF, own))

    html = client.get(reverse("procurement:workspace_new")).content.decode()

    founders = html.split('name="founders"', 1)[1].split("</select>", 1)[0]
    assert "（なし）" in founders and f'value="{own.pk}"' not in founders


def test_an_advisor_picks_the_founders_and_joins_the_secretariat(client, log_in):
    towns = [MunicipalityFactory(name="葛城市"), MunicipalityFactory(name="河合町")]
    advisor = member(Role.ADVISOR)
    log_in(advisor)

    client.post(reverse("procurement:workspace_new"), new_form(founders=[t.pk for t in towns]))

    workspace = Workspace.objects.get()
    assert set(workspace.members.values_list("municipality__name", flat=True)) == {"葛城市", "河合町"}
    assert relation_of(advisor, workspace) == Relation.SECRETARIAT


def test_an_advisor_must_pick_a_founder(client, log_in):
    log_in(member(Role.ADVISOR))
    response = client.post(reverse("procurement:workspace_new"), new_form())
    assert "発起団体" in response.content.decode() and not Workspace.objects.exists()


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("北葛城", "半角の英小文字"),
        ("Kita_Katsuragi", "半角の英小文字"),
        ("-kita", "半角の英小文字"),
        ("new", "使えません"),
        ("taken", "ほかの検討会が使っています"),
    ],
)
def test_a_bad_or_taken_url_name_is_refused_next_to_its_field_keeping_what_was_typed(
    client, log_in, slug, message
):
    WorkspaceFactory(slug="taken")
    log_in(member(Role.STAFF))

    response = client.post(
        reverse("procurement:workspace_new"), new_form(slug=slug, description="呼びかけ文")
    )

    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert 'id="id_slug-error"' in html
    assert "呼びかけ文" in html
    assert Workspace.objects.count() == 1


def test_an_empty_url_name_becomes_the_suggested_one(client, log_in):
    own = MunicipalityFactory(name="香芝市", name_en="Kashiba City")
    log_in(member(Role.STAFF, own))

    page = client.get(reverse("procurement:workspace_new")).content.decode()
    suggested = re.search(r"「(kashiba-\d{4})」", page).group(1)
    client.post(reverse("procurement:workspace_new"), new_form(slug=""))

    assert Workspace.objects.get().slug == suggested


def test_the_starter_opens_the_form_with_the_invited_towns_and_areas_filled_in(client, log_in):
    juki = SystemArea.objects.get_or_create(name="住民記録", defaults={"order": 10})[0]
    own, partner = MunicipalityFactory(name="葛城市"), MunicipalityFactory(name="河合町")
    url = joint_work.STARTER.url([own, partner], [juki])
    log_in(member(Role.STAFF, own))

    html = client.get(url).content.decode()

    founders = html.split('name="founders"', 1)[1].split("</select>", 1)[0]
    assert f'<option value="{partner.pk}" selected>' in founders
    assert f'value="{own.pk}"' not in founders
    assert re.search(rf'name="areas" value="{juki.pk}"[^>]*checked', html)


def test_runners_edit_the_group_and_its_status(client, log_in, procurement_world):
    workspace = procurement_world["workspace"]
    log_in(procurement_world["people"]["founder"])

    response = client.post(
        reverse("procurement:workspace_edit", args=[workspace.slug]),
        new_form(slug=workspace.slug, name="改名した検討会", status="live", purpose="service"),
    )

    assert response.status_code == 302
    workspace.refresh_from_db()
    assert (workspace.name, workspace.status, workspace.purpose) == ("改名した検討会", "live", "service")


def test_the_overview_shows_the_typology_the_purposes_guidance_members_and_warnings(
    client, log_in, procurement_world
):
    workspace = procurement_world["workspace"]
    log_in(procurement_world["people"]["member"])

    html = client.get(reverse("procurement:detail", args=[workspace.slug])).content.decode()

    for text in [
        "緩い結束",
        "参加団体ごとの個別契約",
        "強い結束",
        "参加団体の一括契約",
        "事後BPR",
        "事前BPR",
        "ノーカスタマイズ",
    ]:
        assert text in html
    assert "葛城市" in html and "河合町" in html
    assert "首長の了承日が記録されていない団体" in html  # the world's members have none


def _member_of(world, key):
    return Member.objects.get(workspace=world["workspace"], municipality=world["towns"][key])


def test_a_runner_sets_a_members_contact_only_to_active_staff_of_that_town(client, log_in, procurement_world):
    world = procurement_world
    kawai = _member_of(world, "member")
    colleague = member(Role.STAFF, world["towns"]["member"])
    log_in(world["people"]["founder"])
    url = reverse("procurement:workspace_member_edit", args=[world["workspace"].slug, kawai.pk])

    refused = client.post(url, {"contact": world["people"]["outsider"].pk, "head_signoff_on": "2026-10-01"})
    assert "河合町 の有効な職員アカウントを選んでください" in refused.content.decode()
    kawai.refresh_from_db()
    assert kawai.contact == world["people"]["member"] and kawai.head_signoff_on is None

    client.post(url, {"contact": colleague.pk, "head_signoff_on": "2026-10-01"})
    kawai.refresh_from_db()
    assert kawai.contact == colleague and str(kawai.head_signoff_on) == "2026-10-01"


def test_a_members_own_staff_set_its_contact_but_not_another_members(client, log_in, procurement_world):
    world = procurement_world
    log_in(world["people"]["member"])
    own = _member_of(world, "member")
    founder = _member_of(world, "founder")
    slug = world["workspace"].slug

    ok = client.post(
        reverse("procurement:workspace_member_edit", args=[slug, own.pk]), {"head_signoff_on": "2026-09-01"}
    )
    other = client.post(
        reverse("procurement:workspace_member_edit", args=[slug, founder.pk]),
        {"head_signoff_on": "2026-09-01"},
    )

    assert ok.status_code == 302 and other.status_code == 404
    founder.refresh_from_db()
    assert founder.head_signoff_on is None


def test_a_member_leaves_the_group_and_no_longer_sees_inside(client, log_in, procurement_world):
    world = procurement_world
    log_in(world["people"]["member"])
    slug = world["workspace"].slug

    response = client.post(
        reverse("procurement:workspace_member_remove", args=[slug, _member_of(world, "member").pk])
    )

    assert response.status_code == 302
    assert client.get(reverse("procurement:workspace_members", args=[slug])).status_code == 404


def test_the_last_founder_cannot_be_removed(client, log_in, procurement_world):
    world = procurement_world
    log_in(world["people"]["secretariat"])
    founder = _member_of(world, "founder")

    response = client.post(
        reverse("procurement:workspace_member_remove", args=[world["workspace"].slug, founder.pk]),
        follow=True,
    )

    assert "最後の発起団体" in response.content.decode()
    assert Member.objects.filter(pk=founder.pk).exists()


def test_a_member_who_joins_later_gets_its_go_live_row(procurement_world):
    workspace = procurement_world["workspace"]
    plan_create(workspace)
    joined = Member.objects.create(workspace=workspace, municipality=procurement_world["towns"]["invited"])
    assert Milestone.objects.filter(workspace=workspace, step=Step.GO_LIVE, member=joined).count() == 1


def test_a_new_consultant_account_is_mailed_a_set_password_link_and_sees_only_its_group(
    client, log_in, procurement_world, mailoutbox, django_capture_on_commit_callbacks
):
    world = procurement_world
    other = WorkspaceFactory()
    log_in(world["people"]["secretariat"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("procurement:workspace_secretariat_consultant", args=[world["workspace"].slug]),
            {
                "consultant-email": "shien@consult.example.jp",
                "consultant-last_name": "支援",
                "consultant-first_name": "一郎",
            },
        )

    assert response.status_code == 302
    consultant = User.objects.get(email="shien@consult.example.jp")
    membership = consultant.memberships.get()
    assert (membership.role, membership.municipality, membership.state) == (
        Role.CONSULTANT,
        None,
        Membership.State.ACTIVE,
    )
    assert not consultant.has_usable_password()
    assert relation_of(consultant, world["workspace"]) == Relation.CONSULTANT
    assert relation_of(consultant, other) == Relation.NONE
    [mail] = mailoutbox
    assert mail.to == ["shien@consult.example.jp"] and world["workspace"].name in mail.body
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", mail.body).group(0)

    client.logout()
    page = client.get(link, follow=True)
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    client.post(form_url, {"password1": PASSWORD + "-new", "password2": PASSWORD + "-new"})
    consultant.refresh_from_db()
    assert consultant.check_password(PASSWORD + "-new")


def test_adding_a_consultant_with_an_address_already_in_use_is_refused_with_a_message(
    client, log_in, procurement_world
):
    world = procurement_world
    log_in(world["people"]["secretariat"])
    taken = world["people"]["member"].email

    response = client.post(
        reverse("procurement:workspace_secretariat_consultant", args=[world["workspace"].slug]),
        {"consultant-email": taken, "consultant-last_name": "支援"},
    )

    assert "すでに使っています" in response.content.decode()
    assert User.objects.filter(email=taken).count() == 1
    assert not Secretariat.objects.filter(workspace=world["workspace"], user__email=taken).exists()


def test_an_existing_consultant_account_is_added_to_a_second_group(client, log_in, procurement_world):
    world = procurement_world
    second = WorkspaceFactory()
    Secretariat.objects.create(workspace=second, user=world["people"]["secretariat"])
    consultant = world["people"]["consultant"]
    log_in(world["people"]["secretariat"])

    client.post(
        reverse("procurement:workspace_secretariat_consultant", args=[second.slug]),
        {"consultant-consultant": consultant.pk},
    )

    assert relation_of(consultant, second) == Relation.CONSULTANT


def test_only_the_secretariats_advisors_change_it_and_one_advisor_always_stays(
    client, log_in, procurement_world
):
    world = procurement_world
    slug = world["workspace"].slug
    rows = {row.user: row for row in world["workspace"].secretariat.all()}
    log_in(world["people"]["consultant"])
    assert (
        client.post(
            reverse("procurement:workspace_secretariat_advisor", args=[slug]),
            {"advisor-advisor": world["people"]["advisor"].pk},
        ).status_code
        == 404
    )

    log_in(world["people"]["secretariat"])
    response = client.post(
        reverse(
            "procurement:workspace_secretariat_remove", args=[slug, rows[world["people"]["secretariat"]].pk]
        ),
        follow=True,
    )
    assert "1人もいなくなる" in response.content.decode()
    client.post(
        reverse("procurement:workspace_secretariat_advisor", args=[slug]),
        {"advisor-advisor": world["people"]["advisor"].pk},
    )
    assert (
        relation_of(world["people"]["advisor"], Workspace.objects.get(pk=world["workspace"].pk))
        == Relation.SECRETARIAT
    )


def test_an_advisor_takes_up_a_group_staff_founded_without_a_secretariat(client, log_in):
    own = MunicipalityFactory()
    staff = member(Role.STAFF, own)
    log_in(staff)
    client.post(reverse("procurement:workspace_new"), new_form())
    workspace = Workspace.objects.get()
    advisor = member(Role.ADVISOR)
    log_in(advisor)

    assert (
        "事務局に加わる" in client.get(reverse("procurement:detail", args=[workspace.slug])).content.decode()
    )
    client.post(reverse("procurement:workspace_secretariat_join", args=[workspace.slug]))

    assert relation_of(advisor, Workspace.objects.get(pk=workspace.pk)) == Relation.SECRETARIAT


def test_the_header_offers_the_groups_to_those_who_may_list_them():
    labels = {
        role: [entry.label for entry in navigation.items_for(member(role))]
        for role in (Role.STAFF, Role.CONSULTANT)
    }
    assert "共同化検討会" in labels[Role.STAFF] and "共同化検討会" in labels[Role.CONSULTANT]
    pending = member(Role.STAFF, state=Membership.State.PENDING)
    assert "共同化検討会" not in [entry.label for entry in navigation.items_for(pending)]


def test_every_word_the_apps_own_urls_take_under_procurement_is_a_reserved_slug():
    from procurement import urls
    from procurement.services_workspace import RESERVED_SLUGS

    words = {str(p.pattern).split("/")[0] for p in urls.urlpatterns} - {"", "<slug:slug>"}
    assert words <= RESERVED_SLUGS


def test_the_list_names_a_groups_members_as_the_readers_language_writes_a_list(
    client, log_in, procurement_world
):
    log_in(procurement_world["people"]["founder"])
    towns = procurement_world["towns"]
    japanese = client.get("/procurement/").content.decode()
    assert "葛城市、河合町" in japanese
    client.cookies["django_language"] = "en"
    english = client.get("/procurement/").content.decode()
    assert ", ".join(sorted([towns["founder"].name_en, towns["member"].name_en])) in english
