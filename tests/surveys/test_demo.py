"""The demo: an open survey asked of all 39, a few submitted (not 香芝市), one draft, deadline ahead;
last year's closed one with results for most municipalities, which the open one pre-fills from."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from portal.models import User
from procurement.models import SystemInUse
from surveys import demo
from surveys.models import Survey

pytestmark = pytest.mark.django_db


def test_the_demo_surveys(seeded, log_in, settings, tmp_path):
    settings.DEBUG = True
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())  # safe to run again
    open_survey = Survey.objects.get(title=demo.OPEN_TITLE)
    closed = Survey.objects.get(title=demo.CLOSED_TITLE)
    assert open_survey.state == "open" and open_survey.deadline > timezone.now()
    assert open_survey.municipalities.count() == 39 and open_survey.previous == closed
    states = dict(open_survey.responses.values_list("municipality__name", "state"))
    assert states.pop("河合町") == "draft"
    assert len(states) >= 3 and set(states.values()) == {"submitted"} and "香芝市" not in states
    assert closed.state == "closed" and closed.responses.count() >= 30
    page = log_in(User.objects.get(email="kashiba.staff@example.jp")).get(
        f"/surveys/{open_survey.pk}/answer/"
    )
    assert "前回の照会への貴団体の回答" in page.content.decode()


def test_a_submitted_demo_answer_offers_to_update_the_system_inventory(seeded, log_in, settings, tmp_path):
    settings.DEBUG = True
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    call_command("load_demo", stdout=StringIO())
    tenri = User.objects.get(email="tenri.staff@example.jp")
    response = Survey.objects.get(title=demo.OPEN_TITLE).responses.get(municipality__name="天理市")
    client = log_in(tenri)
    assert (
        "この回答でシステム台帳を更新する"
        in client.get(f"/surveys/{response.survey_id}/answer/").content.decode()
    )
    assert (
        "住民記録 住民情報システム"
        in client.get(f"/surveys/responses/{response.pk}/inventory/").content.decode()
    )
    done = client.post(f"/surveys/responses/{response.pk}/inventory/", follow=True).content.decode()
    assert "システム台帳を更新しました" in done
    assert SystemInUse.objects.filter(municipality__name="天理市", name="住民情報システム").exists()
