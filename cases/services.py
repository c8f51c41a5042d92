"""Writes with rules for the cases app."""

from django.db import transaction

from cases import readiness
from cases.models import ReadinessAssessment
from cases.selectors import readiness_factors
from portal import access


class IncompleteAssessment(ValueError):
    pass


def readiness_assessment_create(*, actor, answers: dict[str, str]) -> ReadinessAssessment:
    """Save a self-assessment for the actor's own municipality."""
    with transaction.atomic():
        access.require(actor, "readiness.save")
        factors = list(readiness_factors())
        saved = readiness.snapshot(factors, answers)
        if len(saved) != len(factors):
            raise IncompleteAssessment("every question needs an answer")
        return ReadinessAssessment.objects.create(
            municipality=access.municipality_of(actor),
            created_by=actor,
            score=readiness.score(saved).score,
            answers=saved,
        )
