import pytest

from knowhow import services
from portal.models import Membership, Role, SystemArea
from tests.factories import MunicipalityFactory, member


def ask(author, **fields):
    """A published question, written through the service as the page would."""
    values = {
        "kind": "question",
        "title": "LGWAN接続系でWeb会議を使う方法",
        "body": "実際の方法を教えてください。",
    }
    return services.post_create(actor=author, **{**values, **fields})


@pytest.fixture
def world(db):
    return build_world()


def build_world():
    """Three municipalities' staff, an advisor, an official, a pending member, and a question answered."""
    kashiba = MunicipalityFactory(name="香芝市", kana="かしばし")
    kawai = MunicipalityFactory(name="河合町", kana="かわいちょう")
    oji = MunicipalityFactory(name="王寺町", kana="おうじちょう")
    people = {
        "asker": member(Role.STAFF, kashiba),
        "colleague": member(Role.STAFF, kashiba),
        "answerer": member(Role.STAFF, kawai),
        "third": member(Role.STAFF, oji),
        "advisor": member(Role.ADVISOR),
        "official": member(Role.OFFICIAL),
        "pending": member(Role.STAFF, kawai, state=Membership.State.PENDING),
    }
    area, _ = SystemArea.objects.get_or_create(name="ネットワーク・LGWAN", defaults={"order": 140})
    question = ask(people["asker"], tags=["LGWAN"], system_areas=[area])
    answer = services.answer_create(
        post_id=question.pk, actor=people["answerer"], body="仮想ブラウザを使っています。"
    )
    return {
        "people": people,
        "kashiba": kashiba,
        "kawai": kawai,
        "area": area,
        "question": question,
        "answer": answer,
    }
