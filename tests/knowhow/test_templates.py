"""The templates library: a template lists its files with version notes; another municipality's staff
「自団体版を作る」 a draft copy that links to its origin (files by reference); the origin lists its derived
versions with their downloads."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from knowhow import services
from knowhow.models import Attachment, Kind, Post, PostState
from portal.uploads import check_uploads
from tests.knowhow.conftest import ask

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"


def checklist():
    return check_uploads([SimpleUploadedFile("SLAチェックリスト.csv", "項目,確認\n稼働率,99.5%\n".encode())])


@pytest.fixture
def template(world):
    return ask(
        world["people"]["asker"],
        kind=Kind.TEMPLATE,
        template_kind="sla_checklist",
        title="SLA チェックリスト",
        body="契約前に確認する項目です。",
        tags=["SLA"],
        uploads=checklist(),
        version_note="令和8年度版（障害連絡を追加）",
    )


def text(response) -> str:
    return response.content.decode()


def test_a_template_lists_its_files_with_their_version_notes(client, log_in, world, template):
    log_in(world["people"]["answerer"])
    page = text(client.get(f"/knowhow/{template.pk}/"))
    assert "SLAチェックリスト.csv" in page and "令和8年度版（障害連絡を追加）" in page
    assert "自団体版を作る" in page


def test_another_municipality_derives_a_draft_that_links_to_its_origin(client, log_in, world, template):
    answerer = world["people"]["answerer"]
    log_in(answerer)
    response = client.post(f"/knowhow/{template.pk}/derive/")
    copy = Post.objects.get(derived_from=template)
    assert response.status_code == 302 and response["Location"] == f"/knowhow/{copy.pk}/edit/"
    assert copy.state == PostState.DRAFT and copy.author == answerer and copy.municipality == world["kawai"]
    assert copy.title == "SLA チェックリスト（河合町版）" and copy.body == template.body
    assert list(copy.tags.names()) == ["SLA"] and copy.template_kind == "sla_checklist"
    original, copied = template.attachments.get(), copy.attachments.get()
    assert copied.stored_name == original.stored_name and copied.version_note == original.version_note
    assert "元の様式" in text(client.get(f"/knowhow/{copy.pk}/"))
    download = client.get(f"/knowhow/files/{copied.pk}/")
    assert b"".join(download.streaming_content).decode() == "項目,確認\n稼働率,99.5%\n"
    # Pressing it again opens the same draft.
    client.post(f"/knowhow/{template.pk}/derive/")
    assert Post.objects.filter(derived_from=template).count() == 1


def test_the_origin_shows_its_published_derived_versions_with_downloads(client, log_in, world, template):
    people = world["people"]
    copy = services.post_derive(post_id=template.pk, actor=people["answerer"])
    log_in(people["third"])
    assert "この様式から作られた自団体版" not in text(client.get(f"/knowhow/{template.pk}/"))
    services.post_publish(post_id=copy.pk, actor=people["answerer"])
    Attachment.objects.filter(post=copy).update(download_count=3)
    page = text(client.get(f"/knowhow/{template.pk}/"))
    assert "この様式から作られた自団体版" in page and "SLA チェックリスト（河合町版）" in page
    assert "ダウンロード 3 回" in page


def test_only_another_municipalitys_staff_derive_a_published_template(client, log_in, world, template):
    people = world["people"]
    tip = ask(people["asker"], kind="tip", title="ティップス")
    for person, target in [
        (people["colleague"], template),
        (people["advisor"], template),
        (people["official"], template),
        (people["answerer"], tip),
    ]:
        log_in(person)
        assert client.post(f"/knowhow/{target.pk}/derive/").status_code == 404
    assert not Post.objects.filter(derived_from__isnull=False).exists()


def test_a_version_note_on_two_lines_is_refused(world):
    with pytest.raises(services.KnowhowError, match="版の説明"):
        ask(world["people"]["asker"], kind="template", uploads=checklist(), version_note="一行目\n二行目")
