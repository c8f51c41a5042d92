"""「共同調達を検討する」 among the ways to start joint work (portal.joint_work, registered in apps.py):
the new-group form with the invited municipalities and their areas filled in."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal import joint_work


def _new_workspace(municipalities, areas) -> str:
    query = {
        "municipalities": ",".join(str(m.pk) for m in municipalities),
        "areas": ",".join(str(a.pk) for a in areas),
    }
    return reverse("procurement:workspace_new") + "?" + urlencode({k: v for k, v in query.items() if v})


STARTER = joint_work.Starter(
    name="procurement.joint_procurement",
    label=_("共同調達を検討する"),
    invite_label=_("共同調達の検討を呼びかける"),
    url=_new_workspace,
    order=200,
)
