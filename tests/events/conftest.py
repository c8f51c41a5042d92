"""One world for the events' access tests: an upcoming event, a draft, a past event with a material,
and a visit request from one municipality (`own`) to a case study's (`host`), with a third (`other`)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from events import services
from portal.models import Role
from portal.uploads import check_uploads
from tests.factories import EventFactory, MunicipalityFactory, case_study, home_page, member, registered

PERSONAS = ["anonymous", "pending", "own", "other", "host", "advisor", "official", "consultant"]


def build_events_world():
    own_town, other_town, host_town = (MunicipalityFactory() for _ in range(3))
    people = {
        "pending": member(Role.STAFF, own_town, state="pending"),
        "own": member(Role.STAFF, own_town),
        "other": member(Role.STAFF, other_town),
        "host": member(Role.STAFF, host_town),
        "advisor": member(Role.ADVISOR),
        "official": member(Role.OFFICIAL),
        "consultant": member(Role.CONSULTANT),
    }
    upcoming = EventFactory(organiser=people["advisor"])
    draft = EventFactory(organiser=people["advisor"], state="draft", title="下書きの研修会")
    start = timezone.now() - datetime.timedelta(days=3)
    past = EventFactory(
        organiser=people["advisor"], starts_at=start, registration_deadline=start - datetime.timedelta(days=1)
    )
    attended = registered(past, people["own"], attended=True)
    [upload] = check_uploads([SimpleUploadedFile("要点.csv", "項目,内容\n対象,20業務\n".encode())])
    item = services.material_upload(actor=people["advisor"], event_id=past.pk, title="要点", upload=upload)
    outcome = services.outcome_add(
        actor=people["advisor"], event_id=past.pk, kind="knowhow", title="按分の質問", url="/knowhow/"
    )
    home_page()
    case = case_study(title="共同利用の事例", municipalities=[host_town])
    visit = services.visit_request_create(
        actor=people["own"],
        case_page_id=case.pk,
        requested_dates="1月中旬",
        purpose="体制を伺いたい",
        people=2,
    )
    world = {
        "people": people,
        "upcoming": upcoming,
        "draft": draft,
        "past": past,
        "registration": registered(upcoming, people["own"]),
        "attended": attended,
        "material": item,
        "visit": visit,
        "case": case,
    }
    world["targets"] = {
        "E": upcoming.pk,
        "DR": draft.pk,
        "P": past.pk,
        "R": world["registration"].pk,
        "RP": attended.pk,
        "M": item.pk,
        "O": outcome.pk,
        "V": visit.pk,
        "CS": case.pk,
    }
    return world
