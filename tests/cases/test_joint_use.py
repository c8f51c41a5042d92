"""The cases app tells the kernel which joint-use and cloud groups the adoption data holds
(portal.joint_use), so the procurement partner finder knows them without importing cases."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal import joint_use
from portal.models import Municipality

pytestmark = pytest.mark.django_db


def _ids(*names):
    return frozenset(Municipality.objects.filter(name__in=names).values_list("pk", flat=True))


def test_the_seeds_groups_come_with_their_members_and_system(seeded):
    groups = {group.name: group for group in joint_use.groups()}
    kikan = groups["奈良県基幹システム共同化検討会"]
    assert kikan.member_ids == _ids("香芝市", "葛城市", "川西町", "田原本町", "上牧町", "広陵町", "河合町")
    assert kikan.system == "基幹システム"
    assert groups["財務会計システム共同利用"].member_ids == _ids("河合町", "広陵町")


def test_the_single_cloud_row_is_no_group_its_municipalities_share(seeded):
    assert "単独クラウド" not in {group.name for group in joint_use.groups()}


def test_a_municipality_is_told_the_groups_it_takes_part_in(seeded):
    kawai = Municipality.objects.get(name="河合町")
    assert {group.name for group in joint_use.groups_of(kawai.pk)} == {
        "奈良県基幹システム共同化検討会",
        "財務会計システム共同利用",
        "公有財産管理システム共同利用",
    }


def test_a_provider_name_registered_twice_is_refused():
    with pytest.raises(ImproperlyConfigured):
        joint_use.register(joint_use.Provider("cases.adoption", list))
