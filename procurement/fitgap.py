"""The fit-gap matrix's summaries: what each member and each business area would need, and which
functions stand in the way of ノーカスタマイズ.

The seed's groups kept to the package (ノーカスタマイズ): a function one member says needs customising
blocks that for everyone, so the page lists those functions first and asks whether 運用で対応 (a change
of practice) would do. Computed from the rows already read for the matrix, no query of its own.

The share needing customisation is counted over decided cells only (未判定 is left out: it is not yet
known), 不要 included, since a member that does not need a function has decided it."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from procurement.models import AdoptionState, Fit, FitLevel, Function, Member


@dataclass
class Tally:
    """Counts per level over some cells of the matrix, and the undecided ones."""

    counts: Counter = field(default_factory=Counter)
    undecided: int = 0

    def add(self, level: str | None) -> None:
        if level:
            self.counts[level] += 1
        else:
            self.undecided += 1

    @property
    def decided(self) -> int:
        return sum(self.counts.values())

    @property
    def total(self) -> int:
        return self.decided + self.undecided

    def rows(self) -> list[tuple[str, int]]:
        """(label, count) for every level in the matrix's order (未判定 is `undecided`)."""
        return [(level.label, self.counts[level.value]) for level in FitLevel]

    @property
    def customise_percent(self) -> Decimal | None:
        """Percent of decided cells needing customisation, to one decimal (half up); None if none decided."""
        if not self.decided:
            return None
        share = Decimal(100 * self.counts[FitLevel.CUSTOMISE]) / Decimal(self.decided)
        return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Blocker:
    function: Function
    members: list[Member]

    @property
    def municipalities(self) -> list:
        return [member.municipality for member in self.members]


@dataclass
class Summary:
    by_member: list[tuple[Member, Tally]]
    by_area: list[tuple[object, Tally]]
    blockers: list[Blocker]
    overall: Tally


def summarise(functions: list[Function], members: list[Member], fits: list[Fit]) -> Summary:
    """The summaries of one workspace's matrix: `functions` in display order, `members` in column order."""
    level_of = {(fit.function_id, fit.member_id): fit.level for fit in fits}
    by_member = {member.pk: Tally() for member in members}
    by_area: dict[int, tuple[object, Tally]] = {}
    overall = Tally()
    blockers = []
    for function in functions:
        area_tally = by_area.setdefault(function.area_id, (function.area, Tally()))[1]
        customising = []
        for member in members:
            level = level_of.get((function.pk, member.pk))
            by_member[member.pk].add(level)
            area_tally.add(level)
            overall.add(level)
            if level == FitLevel.CUSTOMISE:
                customising.append(member)
        if customising:
            blockers.append(Blocker(function, customising))
    return Summary(
        by_member=[(member, by_member[member.pk]) for member in members],
        by_area=list(by_area.values()),
        blockers=blockers,
        overall=overall,
    )


@dataclass
class FormProgress:
    """One member's progress on the common forms: unified of those that apply to it."""

    member: Member
    unified: int
    applicable: int

    @property
    def percent(self) -> int | None:
        """Whole percent, rounded half up; None when no form applies."""
        if not self.applicable:
            return None
        return int(
            (Decimal(100 * self.unified) / Decimal(self.applicable)).quantize(Decimal(1), ROUND_HALF_UP)
        )


def form_progress(forms: list, members: list[Member], adoptions: list) -> list[FormProgress]:
    """Per member: how many of the forms it has unified (統一済み), out of those not 対象外 for it."""
    state_of = {(a.form_id, a.member_id): a.state for a in adoptions}
    progress = []
    for member in members:
        states = [state_of.get((form.pk, member.pk), AdoptionState.NOT_STARTED) for form in forms]
        progress.append(
            FormProgress(
                member=member,
                unified=states.count(AdoptionState.UNIFIED),
                applicable=len(states) - states.count(AdoptionState.NOT_APPLICABLE),
            )
        )
    return progress
