"""What the case studies lend other apps to write from (registered in apps.py): a published case study,
with its title, its municipalities and its page, so know-how can address a question to them
(「この団体に聞く」) without importing the case studies. A draft lends nothing."""

from cases.models import CaseStudyPage
from portal import material
from portal.models import Municipality


def _case_study(pk: int) -> material.Material | None:
    page = CaseStudyPage.objects.live().filter(pk=pk).first()
    if page is None:
        return None
    return material.Material(
        source="case_study",
        pk=page.pk,
        label=page.title,
        title=page.title,
        texts=(page.summary,),
        municipalities=tuple(Municipality.in_display_order(page.municipalities.all())),
        url=page.get_url() or "",
    )


SOURCE = material.Source(name="case_study", model="cases.casestudypage", load=_case_study)
