"""A large CSV export in a real browser: the page says the file is being prepared and where it will
appear; once the task has built it the list offers it for download, and both pages pass axe."""

import pytest

from consultations.models import Export
from portal.models import Role
from tests.e2e.conftest import log_in
from tests.factories import MunicipalityFactory, consultation, member, run_tasks

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"


def test_a_large_export_is_prepared_then_offered_for_download(visit, settings):
    settings.CONSULTATION_EXPORT_SYNC_MAX_ROWS = 1
    town = MunicipalityFactory(name="香芝市", kana="かしばし")
    staff = member(Role.STAFF, town)
    for title in ("住民記録システムの更改", "税務システムの共同調達"):
        consultation(staff, title=title)
    s = visit()
    log_in(s, staff)
    s.page.goto("/consultations/export.csv?status=")
    assert "2 件の相談を書き出すため、ファイルを準備しています。" in s.page.locator(".notice").inner_text()
    assert s.page.get_by_role("cell", name="作成中").count() == 1
    assert s.axe_violations() == []
    run_tasks()
    s.page.get_by_role("link", name="書き出しの一覧を開き直して状態を確かめる").click()
    s.page.wait_for_url("**/consultations/exports/")
    export = Export.objects.get()
    with s.page.expect_download() as download:
        s.page.get_by_role("link", name=f"{export.name} をダウンロード").click()
    assert download.value.suggested_filename == export.name
    assert s.axe_violations() == []
    assert s.foreign_requests() == []
