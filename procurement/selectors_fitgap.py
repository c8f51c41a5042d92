"""Reads of the fit-gap matrix and the common forms, each in a fixed number of queries."""

from procurement.cells import member_columns
from procurement.models import Fit, FormAdoption, Workspace


def matrix_of(workspace: Workspace, area_id: int | None = None) -> dict:
    """The workspace's functions (optionally of one area), its member columns and the cells."""
    functions = workspace.functions.select_related("area")
    if area_id is not None:
        functions = functions.filter(area_id=area_id)
    functions = list(functions)
    fits = list(
        Fit.objects.filter(function__in=[f.pk for f in functions]).select_related("decided_by", "member")
    )
    return {"functions": functions, "members": member_columns(workspace), "fits": fits}


def common_forms_of(workspace: Workspace) -> dict:
    forms = list(workspace.common_forms.all())
    adoptions = list(FormAdoption.objects.filter(form__workspace=workspace).select_related("updated_by"))
    return {"forms": forms, "members": member_columns(workspace), "adoptions": adoptions}
