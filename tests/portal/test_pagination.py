"""Long lists are paged without counting the whole table: a known count is taken as given, any other
count stops at the cap and says so."""

import pytest

from portal.models import Municipality
from portal.pagination import BoundedPaginator
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def towns():
    MunicipalityFactory.create_batch(7)
    return Municipality.objects.order_by("pk")


def test_a_known_count_is_used_without_counting(towns, django_assert_num_queries):
    paginator = BoundedPaginator(towns, 2, count=1000)
    with django_assert_num_queries(0):
        assert (paginator.count, paginator.num_pages, paginator.capped) == (1000, 500, False)


def test_a_count_below_the_cap_is_exact(towns):
    paginator = BoundedPaginator(towns, 2, cap=10)

    assert (paginator.count, paginator.num_pages, paginator.capped) == (7, 4, False)
    assert [t.pk for t in paginator.page(4)] == [towns.last().pk]


def test_a_count_past_the_cap_stops_there_and_the_pages_with_it(towns):
    paginator = BoundedPaginator(towns, 2, cap=5)

    assert paginator.capped is True
    assert paginator.num_pages == 3
    assert paginator.get_page(99).number == 3
