"""A published case study is lent as material (its title, municipalities and page); a draft is not."""

import pytest

from portal import material
from tests.factories import MunicipalityFactory, case_study, home_page

pytestmark = pytest.mark.django_db


def test_a_published_case_study_lends_its_title_municipalities_in_kana_order_and_page():
    home_page()
    kawai = MunicipalityFactory(name="河合町", kana="かわいちょう")
    oji = MunicipalityFactory(name="王寺町", kana="おうじちょう")
    page = case_study(title="公有財産管理システムの共同利用", municipalities=[kawai, oji])

    lent = material.of(page)

    assert lent == material.get("case_study", page.pk)
    assert (lent.source, lent.pk, lent.title) == ("case_study", page.pk, "公有財産管理システムの共同利用")
    assert lent.municipalities == (oji, kawai)
    assert lent.url == page.get_url()


def test_a_draft_case_study_lends_nothing():
    home_page()
    draft = case_study(title="下書きの事例", publish=False)

    assert material.get("case_study", draft.pk) is None
