"""The world the access matrix and the URL tables share: every relation a person can have to a survey."""

from django.contrib.auth.models import AnonymousUser

from portal.uploads import check_uploads
from surveys import services
from tests.consultations.conftest import pdf
from tests.factories import survey
from tests.surveys.conftest import COMPLETE, build_world, posted

PERSONAS = [
    "anonymous",
    "pending",
    "staff_own",
    "staff_other",
    "staff_unasked",
    "advisor",
    "official",
    "builder_official",
    "consultant",
]

WITH_FILE = [{"kind": "file", "label": "システム構成図"}, {"kind": "text", "label": "県への要望"}]


def build_persona_world():
    """`survey` (open, asked of 香芝市 and 河合町, results for nobody else), `shared` (open, its results
    shown to the asked municipalities and officials), `draft` (the advisor's), `own_draft` (the
    builder official's); 河合町 submitted both (`response`, `shared_response`, with a file `file`)."""
    world = build_world()
    people = world["people"]
    people["anonymous"] = AnonymousUser()
    advisor = people["advisor"]
    asked = [world["kashiba"], world["kawai"]]
    shared = survey(
        advisor,
        asked,
        title="共同利用の意向調査",
        questions=WITH_FILE,
        results_visible_to_municipalities=True,
        visible_to_officials=True,
    )
    kawai = people["staff_other"]
    response = services.response_save(
        actor=kawai, survey_id=world["survey"].pk, data=posted(world["survey"], COMPLETE), submit=True
    )
    shared_response = services.response_save(
        actor=kawai,
        survey_id=shared.pk,
        data=posted(shared, {"県への要望": "特になし"}),
        uploads={shared.questions.get(kind="file").pk: check_uploads([pdf("構成図.pdf")])},
        submit=True,
    )
    own_draft = survey(people["builder_official"], asked, title="県職員の照会", state="draft")
    return {
        **world,
        "shared": shared,
        "draft": survey(advisor, asked, title="作成中の照会", state="draft"),
        "own_draft": own_draft,
        "response": response,
        "shared_response": shared_response,
        "file": shared_response.files.get(),
    }
