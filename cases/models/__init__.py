"""The case studies app's models, one module per concern; Django, migrations and the rest of the
project name them as ``cases.models.X``."""

from cases.models.adoption import AdoptionGroup, StatedTotal
from cases.models.choices import Arrangement, DatePrecision, Organisation, PopulationBand, Purpose, System
from cases.models.pages import (
    COMPARE_SESSION_KEY,
    RESERVED_SLUGS,
    STALE_AFTER_DAYS,
    CaseDocument,
    CaseResult,
    CaseStudyIndexPage,
    CaseStudyPage,
    Milestone,
)
from cases.models.readiness import Answer, ReadinessAssessment
from cases.models.review import CaseReviewTask
from cases.models.seed import SeedRecord
from cases.models.taxonomy import SuccessFactor, TypologyEntry

__all__ = [
    "COMPARE_SESSION_KEY",
    "RESERVED_SLUGS",
    "STALE_AFTER_DAYS",
    "AdoptionGroup",
    "Answer",
    "Arrangement",
    "CaseDocument",
    "CaseResult",
    "CaseReviewTask",
    "CaseStudyIndexPage",
    "CaseStudyPage",
    "DatePrecision",
    "Milestone",
    "Organisation",
    "PopulationBand",
    "Purpose",
    "ReadinessAssessment",
    "SeedRecord",
    "StatedTotal",
    "SuccessFactor",
    "System",
    "TypologyEntry",
]
