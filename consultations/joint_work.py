"""What the desk tells of and offers to joint work (registered in apps.py): which municipalities filed
about which system area (portal.area_activity: ids and dates only, never what a consultation says), and
「共同で相談する」, the new-consultation form with the others as partners (portal.joint_work)."""

from urllib.parse import urlencode

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from consultations.models import Category, Consultation, Status
from portal import area_activity, joint_work


def _filed_since(since):
    """Every (area, municipality) of the consultations filed since then, filer and joint partners alike;
    a withdrawn consultation was taken back, so it tells nothing about the area."""
    rows = (
        Consultation.objects.filter(created_at__gte=since, system_areas__isnull=False)
        .exclude(status=Status.WITHDRAWN)
        .values("system_areas", "municipalities")
        .annotate(last=Max("created_at"))
        .order_by()
    )
    return [
        area_activity.AreaActivity(
            system_area_id=row["system_areas"], municipality_id=row["municipalities"], at=row["last"]
        )
        for row in rows
    ]


def _new_consultation(municipalities, system_areas) -> str:
    query = {
        "partners": ",".join(str(m.pk) for m in municipalities),
        "system_areas": ",".join(str(a.pk) for a in system_areas),
        "category": Category.JOINT_USE,
    }
    return reverse("consultations:new") + "?" + urlencode({k: v for k, v in query.items() if v})


PROVIDER = area_activity.Provider(name="consultations.filed", activity=_filed_since)

STARTER = joint_work.Starter(
    name="consultations.joint_consultation",
    label=_("共同で相談する"),
    invite_label=_("共同相談を呼びかける"),
    url=_new_consultation,
    order=100,
)
