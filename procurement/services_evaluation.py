"""Writes and reads of vendor evaluation rounds. Every write checks its rule first, runs in one
transaction with the round locked (so a score and the close cannot cross), and refuses what the
process forbids with an EvaluationError whose message the page shows."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal import access
from portal.models import User
from procurement import scoring
from procurement.models import (
    Bid,
    Criterion,
    Decision,
    Member,
    Round,
    RoundState,
    Score,
    Vendor,
    Workspace,
)
from procurement.notifications_evaluation import notify_round_closed


class EvaluationError(Exception):
    """A step the evaluation's process does not allow now; the message is for the user."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


CLOSED_FOR_SCORING = gettext_lazy("この評価は締め切られたため、採点はできません。")


class AlreadyDecided(EvaluationError):
    """The round's decision is already recorded (a second submit): nothing changes."""


def _locked(round_id: int) -> Round:
    return Round.objects.select_for_update(of=("self",)).select_related("workspace").get(pk=round_id)


def _unscored(round: Round) -> None:
    if round.scores.exists():
        raise EvaluationError(
            _("評価者の採点が始まっているため、評価項目と配点は変更できません。採点の公平のためです。")
        )


def round_create(
    *, actor: User, workspace: Workspace, title: str, stage: str, technical_points: int, price_points: int
) -> Round:
    """A new open round; a second submit of the same title gets the open round already made."""
    access.require(actor, "procurement.round.create", workspace)
    round, _created = Round.objects.get_or_create(
        workspace=workspace,
        title=title,
        state=RoundState.OPEN,
        defaults={
            "stage": stage,
            "technical_points": technical_points,
            "price_points": price_points,
            "opened_by": actor,
        },
    )
    return round


def round_update(
    *, actor: User, round_id: int, title: str, technical_points: int, price_points: int
) -> Round:
    with transaction.atomic():
        round = _locked(round_id)
        access.require(actor, "procurement.round.set_up", round)
        _unscored(round)
        allotted = round.criteria.aggregate(total=Sum("max_points"))["total"] or 0
        if allotted > technical_points:
            raise EvaluationError(
                _("評価項目の配点の合計（%(allotted)s点）が技術点の満点を超えます。")
                % {"allotted": allotted},
                field="technical_points",
            )
        round.title, round.technical_points, round.price_points = title, technical_points, price_points
        round.save(update_fields=["title", "technical_points", "price_points"])
    return round


def criterion_save(*, actor: User, round_id: int, name: str, max_points: int) -> Criterion:
    """Adds a criterion, or sets the points of the one of that name (so a second submit is harmless)."""
    with transaction.atomic():
        round = _locked(round_id)
        access.require(actor, "procurement.round.set_up", round)
        _unscored(round)
        others = round.criteria.exclude(name=name).aggregate(total=Sum("max_points"))["total"] or 0
        if others + max_points > round.technical_points:
            raise EvaluationError(
                _("配点の合計が技術点の満点（%(points)s点）を超えます。残りは %(left)s 点です。")
                % {"points": round.technical_points, "left": max(round.technical_points - others, 0)},
                field="max_points",
            )
        order = round.criteria.count() + 1
        criterion, _created = Criterion.objects.update_or_create(
            round=round,
            name=name,
            defaults={"max_points": max_points},
            create_defaults={"max_points": max_points, "order": order},
        )
    return criterion


def criterion_remove(*, actor: User, round_id: int, criterion_id: int) -> None:
    with transaction.atomic():
        round = _locked(round_id)
        access.require(actor, "procurement.round.set_up", round)
        _unscored(round)
        round.criteria.filter(pk=criterion_id).delete()


def vendor_add(*, actor: User, round_id: int, name: str) -> Vendor:
    """Adds a vendor of the group to the round (registering it in the group the first time)."""
    with transaction.atomic():
        round = _locked(round_id)
        access.require(actor, "procurement.round.set_up", round)
        vendor, _created = Vendor.objects.get_or_create(workspace=round.workspace, name=name)
        round.vendors.add(vendor)
    return vendor


def bid_save(*, actor: User, round_id: int, vendor_id: int, price: int) -> Bid:
    with transaction.atomic():
        round = _locked(round_id)
        access.require(actor, "procurement.round.set_up", round)
        vendor = round.vendors.get(pk=vendor_id)
        bid, _created = Bid.objects.update_or_create(round=round, vendor=vendor, defaults={"price": price})
    return bid


def _member_for(actor: User, workspace: Workspace) -> Member:
    return workspace.members.get(municipality=access.municipality_of(actor))


def scores_save(*, actor: User, round_id: int, vendor_id: int, points: dict[int, tuple[int, str]]) -> int:
    """The evaluator's points (and comments) for one vendor, criterion id → (points, comment), every
    criterion of the round; saving again replaces them. Returns how many were saved."""
    with transaction.atomic():
        round = _locked(round_id)
        access.require(actor, "procurement.score.enter", round)
        if not round.is_open:
            raise EvaluationError(CLOSED_FOR_SCORING)
        vendor = round.vendors.get(pk=vendor_id)
        criteria = {criterion.pk: criterion for criterion in round.criteria.all()}
        if set(points) != set(criteria):
            raise EvaluationError(_("すべての評価項目の点数を入力してください。"))
        for criterion_id, (value, _comment) in points.items():
            if not 0 <= value <= criteria[criterion_id].max_points:
                raise EvaluationError(
                    _("「%(name)s」は 0〜%(max)s 点で入力してください。")
                    % {"name": criteria[criterion_id].name, "max": criteria[criterion_id].max_points}
                )
        member = _member_for(actor, round.workspace)
        now = timezone.now()
        for criterion_id, (value, comment) in points.items():
            Score.objects.update_or_create(
                criterion_id=criterion_id,
                vendor=vendor,
                evaluator=actor,
                defaults={
                    "round": round,
                    "member": member,
                    "points": value,
                    "comment": comment,
                    "updated_at": now,
                },
            )
    return len(points)


def round_close(*, actor: User, round_id: int) -> bool:
    """Closes the round (scores become final and the results visible inside); False if it was already."""
    with transaction.atomic():
        round = _locked(round_id)
        access.require(actor, "procurement.round.close", round)
        if not round.is_open:
            return False
        if not round.scores.exists():
            raise EvaluationError(_("まだ誰も採点していないため、締め切れません。"))
        round.state, round.closed_at, round.closed_by = RoundState.CLOSED, timezone.now(), actor
        round.save(update_fields=["state", "closed_at", "closed_by"])
        notify_round_closed.enqueue(round_id=round.pk)
    return True


def decision_record(*, actor: User, round_id: int, vendor_id: int, reasons: str) -> Decision:
    with transaction.atomic():
        round = _locked(round_id)
        access.require(actor, "procurement.decision.record", round)
        existing = Decision.objects.filter(round=round).select_related("vendor").first()
        if existing is not None:
            raise AlreadyDecided(
                _("この評価の事業者決定はすでに記録されています（%(vendor)s）。")
                % {"vendor": existing.vendor}
            )
        vendor = round.vendors.get(pk=vendor_id)
        return Decision.objects.create(round=round, vendor=vendor, reasons=reasons, decided_by=actor)


# --- Reads --------------------------------------------------------------------------------------


def own_scores(round: Round, evaluator: User) -> dict[tuple[int, int], Score]:
    """An evaluator's own scores, (criterion id, vendor id) → Score: the only scores an open round shows."""
    scores = Score.objects.filter(round=round, evaluator=evaluator)
    return {(score.criterion_id, score.vendor_id): score for score in scores}


@dataclass(frozen=True)
class Progress:
    evaluator: User
    municipality: str
    entered: int
    expected: int

    @property
    def finished(self) -> bool:
        return self.entered >= self.expected


def progress(round: Round) -> list[Progress]:
    """Who has scored how much of the whole sheet — counts per evaluator only, never per vendor, so no
    one learns anything of anyone's points before the close."""
    expected = round.criteria.count() * round.vendors.count()
    counts = (
        Score.objects.filter(round=round)
        .values("evaluator", "member__municipality__name")
        .annotate(entered=Count("pk"))
        .order_by("member__municipality__kana_sort", "evaluator")
    )
    people = User.objects.in_bulk([row["evaluator"] for row in counts])
    return [
        Progress(people[row["evaluator"]], row["member__municipality__name"], row["entered"], expected)
        for row in counts
    ]


def results(round: Round) -> scoring.Results:
    """The aggregated table of a round; callers ask procurement.results.view first."""
    criteria = [(c.pk, c.name, c.max_points) for c in round.criteria.all()]
    vendors = [(v.pk, v.name) for v in round.vendors.order_by("name", "pk")]
    entries = [
        scoring.Entry(criterion=c, vendor=v, points=p)
        for c, v, p in Score.objects.filter(round=round).values_list("criterion_id", "vendor_id", "points")
    ]
    bids = dict(round.bids.values_list("vendor_id", "price"))
    return scoring.aggregate(
        criteria=criteria, vendors=vendors, entries=entries, bids=bids, price_points=round.price_points
    )
