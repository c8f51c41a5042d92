import pytest
from django.core.management import call_command

from portal.models import Municipality
from portal.selectors import municipalities_in_kana_order

pytestmark = pytest.mark.django_db


def run(command, *args):
    from io import StringIO

    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_load_reference_data_twice_leaves_39_municipalities_and_says_so():
    first = run("load_reference_data")
    assert "39 created" in first
    second = run("load_reference_data")
    assert "0 created, 0 updated, 39 unchanged (39 in total)" in second
    assert Municipality.objects.count() == 39


def test_populations_are_flagged_approximate_and_official_figures_survive_a_reload():
    run("load_reference_data")
    kashiba = Municipality.objects.get(code="29210")
    assert kashiba.name == "香芝市"
    assert kashiba.population_is_approximate
    kashiba.population = 77905
    kashiba.population_is_approximate = False
    kashiba.save()
    run("load_reference_data")
    kashiba.refresh_from_db()
    assert (kashiba.population, kashiba.population_is_approximate) == (77905, False)


def test_municipalities_are_listed_in_gojuon_order_by_kana():
    run("load_reference_data")
    names = list(municipalities_in_kana_order().values_list("name", flat=True))
    assert names[:3] == ["明日香村", "安堵町", "斑鳩町"]
    kanas = list(municipalities_in_kana_order().values_list("kana", flat=True))
    assert kanas == sorted(kanas)


def test_load_demo_refuses_without_debug(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        run("load_demo")


def test_load_demo_is_idempotent(settings):
    from portal.models import Membership, User

    settings.DEBUG = True
    run("load_reference_data")
    first = run("load_demo")
    assert "5 created" in first
    counts = (User.objects.count(), Membership.objects.count())
    second = run("load_demo")
    assert "0 created, 5 already there" in second
    assert (User.objects.count(), Membership.objects.count()) == counts
