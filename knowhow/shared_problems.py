"""Problems several municipalities share (/knowhow/shared-problems/): the seed's path from shared know-how
to joint procurement, as two rankings.

- A **question** is shared when 3 or more municipalities have its problem in the last 12 months: the
  asker's municipality (if the question was published in the period) and every municipality that said
  「うちも同じ」 in the period. Only published questions that are not obsolete count.
- A **system area** is shared when 3 or more distinct municipalities worked on it in the period: filed a
  consultation in the area (the desk tells it through portal.area_activity, ids and dates only), asked a
  question in the area or said 「うちも同じ」 on one (know-how's own provider, below).
- Both are ranked by the number of municipalities, then by the most recent activity.
- A municipality that took part only anonymously (its question was asked anonymously) is counted, and
  named only to whom may know who wrote it (`contribution.reveal_author` for a question,
  `shared_problems.name_anonymous` for an area); others read 「ほか匿名 n 団体」.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, IntegerField, Max, Prefetch, Q, Value, When
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from knowhow.models import JointInvitation, Kind, Post, PostState, SameProblem
from portal import access, area_activity
from portal.models import Municipality, SystemArea

THRESHOLD = 3
PERIOD = datetime.timedelta(days=365)
# Each ranking shows its top rows; a nationwide deployment would otherwise list hundreds.
LIMIT = 30


def period_start(now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()) - PERIOD


@dataclass
class SharedProblem:
    """One ranked row: a question or a system area, the municipalities that share it (in display order),
    which of them took part only anonymously, and when the latest of them did."""

    municipalities: list[Municipality]
    anonymous_ids: frozenset[int]
    last_at: datetime.datetime
    question: Post | None = None
    system_area: SystemArea | None = None
    # As the viewer may see them (set by `for_viewer`).
    named: list[Municipality] = field(default_factory=list)
    unnamed: int = 0
    last_invitation: JointInvitation | None = None

    @property
    def count(self) -> int:
        return len(self.municipalities)

    @property
    def topic(self) -> str:
        return self.question.title if self.question else str(self.system_area)

    def public_municipalities(self) -> list[Municipality]:
        """Those anyone may see named: the partners an invitation proposes."""
        return [m for m in self.municipalities if m.pk not in self.anonymous_ids]

    def for_viewer(self, user) -> "SharedProblem":
        if self.question is not None:
            may_name = access.can(user, "contribution.reveal_author", self.question)
        else:
            may_name = access.can(user, "shared_problems.name_anonymous")
        self.named = self.municipalities if may_name else self.public_municipalities()
        self.unnamed = self.count - len(self.named)
        return self


# --- Know-how's part in the areas (registered with portal.area_activity in apps.py) ---------------------


def _questions():
    return Post.objects.filter(state=PostState.PUBLISHED, kind=Kind.QUESTION, obsolete=False)


def exchange_activity(since: datetime.datetime) -> list[area_activity.AreaActivity]:
    """Who asked a question in an area (anonymously or not) and who said 「うちも同じ」 on one, since then."""
    asked = (
        _questions()
        .filter(published_at__gte=since, municipality__isnull=False, system_areas__isnull=False)
        .values("system_areas", "municipality", "anonymous")
        .annotate(last=Max("published_at"))
        .order_by()
    )
    marked = (
        SameProblem.objects.filter(created_at__gte=since, post__in=_questions())
        .filter(post__system_areas__isnull=False)
        .values("post__system_areas", "municipality")
        .annotate(last=Max("created_at"))
        .order_by()
    )
    return [
        *(
            area_activity.AreaActivity(
                row["system_areas"], row["municipality"], row["last"], row["anonymous"]
            )
            for row in asked
        ),
        *(
            area_activity.AreaActivity(row["post__system_areas"], row["municipality"], row["last"])
            for row in marked
        ),
    ]


PROVIDER = area_activity.Provider(name="knowhow.questions", activity=exchange_activity)


# --- The rankings ------------------------------------------------------------------------------------


def _in_display_order(ids: Iterable[int]) -> dict[int, Municipality]:
    return {m.pk: m for m in Municipality.in_display_order(Municipality.objects.filter(pk__in=set(ids)))}


def _ordered(municipalities: dict[int, Municipality], ids) -> list[Municipality]:
    wanted = set(ids)
    return [m for pk, m in municipalities.items() if pk in wanted]


def shared_questions(*, since: datetime.datetime, pk: int | None = None) -> list[SharedProblem]:
    """Questions 3 or more municipalities share since then, ranked (or the one question `pk`, if shared)."""
    marks = Q(same_problems__created_at__gte=since) & (
        Q(municipality__isnull=True) | ~Q(same_problems__municipality=F("municipality"))
    )
    asker_counts = Case(
        When(published_at__gte=since, municipality__isnull=False, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    questions = _questions() if pk is None else _questions().filter(pk=pk)
    ranked = (
        questions.annotate(
            marked=Count("same_problems", filter=marks, distinct=True),
            last_mark=Max("same_problems__created_at", filter=marks),
        )
        .annotate(
            sharing=F("marked") + asker_counts,
            last=Greatest(Coalesce("last_mark", "published_at"), "published_at"),
        )
        .filter(sharing__gte=THRESHOLD)
        .order_by("-sharing", "-last", "-pk")
        .select_related("municipality")
        .prefetch_related(
            Prefetch(
                "same_problems",
                queryset=SameProblem.objects.filter(created_at__gte=since),
                to_attr="recent_marks",
            )
        )[:LIMIT]
    )
    rows = []
    for post in ranked:
        asker = [post.municipality_id] if post.municipality_id and post.published_at >= since else []
        ids = [
            *asker,
            *(
                mark.municipality_id
                for mark in post.recent_marks
                if mark.municipality_id != post.municipality_id
            ),
        ]
        rows.append((post, ids))
    municipalities = _in_display_order(pk for _post, ids in rows for pk in ids)
    return [
        SharedProblem(
            question=post,
            municipalities=_ordered(municipalities, ids),
            anonymous_ids=frozenset(
                [post.municipality_id] if post.anonymous and post.municipality_id in ids else []
            ),
            last_at=post.last,
        )
        for post, ids in rows
    ]


def shared_areas(*, since: datetime.datetime, pk: int | None = None) -> list[SharedProblem]:
    """System areas 3 or more municipalities worked on since then, ranked (or the one area `pk`)."""
    # area → municipality → (latest, took part only anonymously)
    by_area: dict[int, dict[int, tuple[datetime.datetime, bool]]] = {}
    for activity in area_activity.since(since):
        if pk is not None and activity.system_area_id != pk:
            continue
        seen = by_area.setdefault(activity.system_area_id, {})
        before = seen.get(activity.municipality_id)
        if before is None:
            seen[activity.municipality_id] = (activity.at, activity.anonymous)
        else:
            seen[activity.municipality_id] = (max(before[0], activity.at), before[1] and activity.anonymous)
    shared = [(area, seen) for area, seen in by_area.items() if len(seen) >= THRESHOLD]
    shared.sort(
        key=lambda item: (-len(item[1]), -max(at for at, _anon in item[1].values()).timestamp(), item[0])
    )
    shared = shared[:LIMIT]
    areas = SystemArea.objects.in_bulk([area for area, _seen in shared])
    municipalities = _in_display_order(m for _area, seen in shared for m in seen)
    return [
        SharedProblem(
            system_area=areas[area],
            municipalities=_ordered(municipalities, seen),
            anonymous_ids=frozenset(m for m, (_at, anonymous) in seen.items() if anonymous),
            last_at=max(at for at, _anon in seen.values()),
        )
        for area, seen in shared
        if area in areas
    ]


def _with_invitations(rows: list[SharedProblem], user) -> list[SharedProblem]:
    """Each row as the viewer sees it, and for advisors the latest invitation already sent about it."""
    if access.can(user, "shared_problems.invite"):
        invitations = JointInvitation.objects.select_related("invited_by").filter(
            Q(question__in=[r.question for r in rows if r.question])
            | Q(system_area__in=[r.system_area for r in rows if r.system_area])
        )
        latest = {}
        for invitation in invitations:  # newest first: the first one seen is the latest
            latest.setdefault((invitation.question_id, invitation.system_area_id), invitation)
        for row in rows:
            key = (row.question.pk, None) if row.question else (None, row.system_area.pk)
            row.last_invitation = latest.get(key)
    return [row.for_viewer(user) for row in rows]


def rankings_for(user, *, now: datetime.datetime | None = None) -> dict:
    since = period_start(now)
    return {
        "since": since,
        "questions": _with_invitations(shared_questions(since=since), user),
        "areas": _with_invitations(shared_areas(since=since), user),
    }


def shared_problem(
    *, question_id: int | None = None, system_area_id: int | None = None
) -> SharedProblem | None:
    """One question or area as it ranks now, or None when it is not (or no longer) shared."""
    since = period_start()
    if question_id is not None:
        rows = shared_questions(since=since, pk=question_id)
    else:
        rows = shared_areas(since=since, pk=system_area_id)
    return rows[0] if rows else None
