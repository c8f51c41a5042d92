"""A survey's system table can update the municipality's system inventory (the procurement workspace's,
through portal.inventory_feeds) once its answer is final, with the confirmation of its own staff."""

import datetime

import pytest

from procurement.models import SystemInUse
from surveys import services
from surveys.models import Response
from tests.factories import SystemAreaFactory, SystemInUseFactory, survey
from tests.surveys.conftest import posted

pytestmark = pytest.mark.django_db

FEEDING = [
    {"kind": "table", "label": "利用中の基幹業務システム", "feeds": "procurement.inventory"},
    {"kind": "text", "label": "県への要望"},
]
ROWS = [
    ["住民記録", "住民情報システム", "奈良システム株式会社", "", "2024-04-01", "2029-03-31", "42,000,000"],
    ["税務", "滞納管理システム", "TKC", "TASKクラウド", "2025/4/1", "2030/3/31", ""],
]


@pytest.fixture
def inventory_world(world):
    SystemAreaFactory(name="住民記録")
    SystemAreaFactory(name="税務", order=20)
    world["feeding"] = survey(
        world["people"]["advisor"], [world["kashiba"], world["kawai"]], questions=FEEDING
    )
    return world


def _answered(world, rows=ROWS, *, submit=True, actor="staff_own"):
    s = world["feeding"]
    return services.response_save(
        actor=world["people"][actor],
        survey_id=s.pk,
        data=posted(s, {"利用中の基幹業務システム": rows}),
        submit=submit,
    )


def _url(response):
    return f"/surveys/responses/{response.pk}/inventory/"


def test_choosing_a_feed_in_the_builder_makes_the_tables_columns_the_feeds(world, log_in):
    draft = survey(world["people"]["advisor"], [world["kashiba"]], questions=[], state="draft")
    client = log_in(world["people"]["advisor"])
    page = client.get(f"/surveys/{draft.pk}/")
    assert "共同化検討会のシステム台帳" in page.content.decode()
    client.post(
        f"/surveys/{draft.pk}/questions/add/",
        {
            "question-kind": "table",
            "question-label": "利用中のシステム",
            "question-feeds": "procurement.inventory",
        },
    )
    question = draft.questions.get()
    assert question.feeds == "procurement.inventory"
    assert [(c["key"], c["name"]) for c in question.columns] == [
        ("area", "業務分野"),
        ("name", "システム名"),
        ("vendor", "事業者"),
        ("package", "パッケージ"),
        ("contract_start", "契約開始"),
        ("contract_end", "契約終了"),
        ("annual_cost", "年額費用（円）"),
    ]


def test_only_a_table_question_may_feed_the_inventory(world, log_in):
    draft = survey(world["people"]["advisor"], [world["kashiba"]], questions=[], state="draft")
    page = log_in(world["people"]["advisor"]).post(
        f"/surveys/{draft.pk}/questions/add/",
        {"question-kind": "text", "question-label": "要望", "question-feeds": "procurement.inventory"},
    )
    assert page.status_code == 400
    assert "システム台帳を更新できるのは表の質問だけです。" in page.content.decode()
    assert not draft.questions.exists()


def test_after_submitting_the_municipalitys_staff_confirm_what_is_created_and_updated(
    inventory_world, log_in
):
    world = inventory_world
    kept = SystemInUseFactory(
        municipality=world["kashiba"], area=SystemAreaFactory(name="住民記録"), name="住民情報システム"
    )
    response = _answered(world)
    client = log_in(world["people"]["colleague"])

    offer = client.get(f"/surveys/responses/{response.pk}/").content.decode()
    assert "この回答でシステム台帳を更新する" in offer
    confirmation = client.get(_url(response)).content.decode()
    assert "住民記録 住民情報システム" in confirmation
    assert "税務 滞納管理システム" in confirmation
    assert "TKC、令和7年（2025年）4月1日〜令和12年（2030年）3月31日" in confirmation
    assert SystemInUse.objects.filter(municipality=world["kashiba"]).count() == 1, "GET never writes"

    done = client.post(_url(response), follow=True).content.decode()

    assert "システム台帳を更新しました（追加 1件、更新 1件）。" in done
    kept.refresh_from_db()
    assert (kept.vendor, kept.contract_end, kept.annual_cost) == (
        "奈良システム株式会社",
        datetime.date(2029, 3, 31),
        42_000_000,
    )
    added = SystemInUse.objects.get(municipality=world["kashiba"], name="滞納管理システム")
    assert (added.package, added.contract_start, added.annual_cost) == (
        "TASKクラウド",
        datetime.date(2025, 4, 1),
        None,
    )
    response.refresh_from_db()
    assert response.inventory_applied_by == world["people"]["colleague"]
    assert response.inventory_applied_at is not None


def test_a_second_confirmation_says_it_was_done_and_changes_nothing(inventory_world, log_in):
    world = inventory_world
    response = _answered(world)
    client = log_in(world["people"]["staff_own"])
    client.post(_url(response))
    stamped = {s.pk: s.updated_at for s in SystemInUse.objects.filter(municipality=world["kashiba"])}

    again = client.post(_url(response), follow=True).content.decode()

    assert "この回答ではすでにシステム台帳を更新しています。変更はありません。" in again
    assert {s.pk: s.updated_at for s in SystemInUse.objects.filter(municipality=world["kashiba"])} == stamped
    assert (
        "この回答でシステム台帳を更新する</a>"
        not in client.get(f"/surveys/responses/{response.pk}/").content.decode()
    )


def test_a_draft_does_not_update_the_inventory(inventory_world, log_in):
    world = inventory_world
    draft = _answered(world, submit=False)
    client = log_in(world["people"]["staff_own"])
    assert (
        "この回答でシステム台帳を更新する"
        not in client.get(f"/surveys/{world['feeding'].pk}/answer/").content.decode()
    )

    refused = client.post(_url(draft), follow=True).content.decode()

    assert "回答を提出してから" in refused
    assert not SystemInUse.objects.filter(municipality=world["kashiba"]).exists()


def test_where_approval_is_needed_the_update_waits_for_it(inventory_world, log_in):
    world = inventory_world
    s = world["feeding"]
    s.needs_approval = True
    s.save()
    response = _answered(world)
    client = log_in(world["people"]["colleague"])
    client.post(_url(response))
    assert not SystemInUse.objects.filter(municipality=world["kashiba"]).exists()

    services.response_approve(actor=world["people"]["colleague"], survey_id=s.pk)
    client.post(_url(response))

    assert SystemInUse.objects.filter(municipality=world["kashiba"]).count() == 2


def test_advisors_and_other_municipalities_do_not_confirm_for_the_municipality(
    inventory_world, log_in, client
):
    world = inventory_world
    response = _answered(world)
    for persona in ("advisor", "staff_other", "official"):
        client.logout()
        log_in(world["people"][persona])
        assert client.get(_url(response)).status_code == 404, persona
        assert client.post(_url(response)).status_code == 404, persona
    assert (
        "この回答でシステム台帳を更新する"
        not in client.get(f"/surveys/responses/{response.pk}/").content.decode()
    )
    assert not SystemInUse.objects.filter(municipality=world["kashiba"]).exists()
    assert Response.objects.get(pk=response.pk).inventory_applied_at is None


def test_an_unknown_business_area_is_shown_by_row_and_nothing_is_saved(inventory_world, log_in):
    world = inventory_world
    response = _answered(
        world, [ROWS[0], ["ごみ収集", "収集管理", "奈良環境", "", "2024-04-01", "2029-03-31", ""]]
    )
    client = log_in(world["people"]["staff_own"])

    confirmation = client.get(_url(response)).content.decode()
    assert "2行目：業務分野「ごみ収集」は登録されていません" in confirmation
    assert "確認して、システム台帳を更新する" not in confirmation
    client.post(_url(response))

    assert not SystemInUse.objects.filter(municipality=world["kashiba"]).exists()
    assert Response.objects.get(pk=response.pk).inventory_applied_at is None
