"""The writes of a group's own pages: creating and editing it, its members' 担当者 and 首長の了承日,
leaving or removing a member, and its secretariat (advisors, and consultant accounts limited to it).
Each is one transaction with the access check first; a refused write raises WorkspaceError."""

import datetime
import re

from allauth.account.adapter import get_adapter
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from allauth.core import context as allauth_context
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from portal import access
from portal.access import ADVISOR_LIKE, municipality_of, role_of
from portal.models import Membership, Municipality, Role, User
from procurement.milestones import plan_create
from procurement.models import Member, Secretariat, Workspace
from procurement.policy_workspace import advisors_of

SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_MAX = 60
# Names the app's own URLs use under /procurement/.
RESERVED_SLUGS = frozenset({"new", "inventory", "partners"})


class WorkspaceError(Exception):
    """A refused write, with the Japanese message the page shows; `field` names the input it is about."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def suggest_slug(founders, year: int) -> str:
    """An unused URL name from the founders' English names and the year (kashiba-katsuragi-2026)."""
    words = [
        slugify(m.name_en.replace(" City", "").replace(" Town", "").replace(" Village", "")) for m in founders
    ]
    base = "-".join(w for w in words if w)[: SLUG_MAX - 8] or "kyodoka"
    base = f"{base}-{year}"
    candidate, n = base, 2
    while candidate in RESERVED_SLUGS or Workspace.objects.filter(slug=candidate).exists():
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def slug_problem(slug: str, *, workspace: Workspace | None = None) -> str | None:
    """Why this URL name cannot be used, or None."""
    if not SLUG_PATTERN.fullmatch(slug) or len(slug) > SLUG_MAX:
        return _(
            "URL 用の名前は、半角の英小文字・数字と、間に入れるハイフン（-）だけで、60文字以内にしてください"
            "（例：kashiba-katsuragi-2026）。"
        )
    if slug in RESERVED_SLUGS:
        return _("「%(slug)s」はこの画面の URL に使われているため使えません。") % {"slug": slug}
    taken = Workspace.objects.filter(slug=slug)
    if workspace is not None:
        taken = taken.exclude(pk=workspace.pk)
    if taken.exists():
        return _("「%(slug)s」はほかの検討会が使っています。別の名前にしてください。") % {"slug": slug}
    return None


def _founders_for(actor, chosen: list[Municipality]) -> list[Municipality]:
    """Staff found with their own municipality and at most one more; an advisor picks them all."""
    own = municipality_of(actor)
    if own is not None:
        others = [m for m in chosen if m.pk != own.pk]
        if len(others) > 1:
            raise WorkspaceError(
                _(
                    "発起団体に選べるのは、あなたの団体のほかに1団体までです。ほかの団体には検討会を作ってから参加を呼びかけてください。"
                ),
                "founders",
            )
        return [own, *others]
    if not chosen:
        raise WorkspaceError(_("発起団体を1つ以上選んでください。"), "founders")
    return list(chosen)


def workspace_create(
    *,
    actor,
    name: str,
    slug: str,
    founders: list[Municipality],
    description: str = "",
    arrangement: str = Workspace._meta.get_field("arrangement").default,
    purpose: str = Workspace._meta.get_field("purpose").default,
    areas=(),
    business_count: int | None = None,
    recruiting: bool = False,
    started_on: datetime.date | None = None,
) -> Workspace:
    """A new group with its founders (staff: their own municipality, with them as 担当者), the
    advisor who set it up in its secretariat, and the default milestone plan."""
    access.require(actor, "procurement.create")
    with transaction.atomic():
        founding = _founders_for(actor, founders)
        slug = slug.strip() or suggest_slug(founding, timezone.localdate().year)
        problem = slug_problem(slug)
        if problem:
            raise WorkspaceError(problem, "slug")
        workspace = Workspace.objects.create(
            slug=slug,
            name=name.strip(),
            description=description.strip(),
            arrangement=arrangement,
            purpose=purpose,
            business_count=business_count,
            recruiting=recruiting,
            started_on=started_on or timezone.localdate(),
            created_by=actor,
        )
        workspace.areas.set(areas)
        own = municipality_of(actor)
        for municipality in founding:
            Member.objects.create(
                workspace=workspace,
                municipality=municipality,
                is_founder=True,
                contact=actor if own is not None and municipality.pk == own.pk else None,
                joined_on=workspace.started_on,
            )
        if role_of(actor) in ADVISOR_LIKE:
            Secretariat.objects.create(workspace=workspace, user=actor)
        plan_create(workspace)
    return workspace


def workspace_update(*, actor, workspace_id: int, **fields) -> Workspace:
    """Change the group's description fields and status (its runners). `fields` are Workspace's
    name, slug, description, arrangement, purpose, business_count, recruiting, status and areas."""
    with transaction.atomic():
        workspace = Workspace.objects.select_for_update().get(pk=workspace_id)
        access.require(actor, "procurement.edit", workspace)
        areas = fields.pop("areas", None)
        if "slug" in fields:
            fields["slug"] = fields["slug"].strip()
            problem = slug_problem(fields["slug"], workspace=workspace)
            if problem:
                raise WorkspaceError(problem, "slug")
        for name, value in fields.items():
            setattr(workspace, name, value.strip() if isinstance(value, str) else value)
        workspace.save()
        if areas is not None:
            workspace.areas.set(areas)
    return workspace


def _locked_member(member_id: int) -> Member:
    return Member.objects.select_for_update().select_related("workspace", "municipality").get(pk=member_id)


def member_update(
    *, actor, member_id: int, contact: User | None, head_signoff_on: datetime.date | None
) -> Member:
    """Set a member's 担当者 (active staff of that municipality) and its head's sign-off date."""
    with transaction.atomic():
        member = _locked_member(member_id)
        access.require(actor, "procurement.member.edit", member)
        if contact is not None and not access.same_municipality(contact, member.municipality):
            raise WorkspaceError(
                _("担当者には、%(town)s の有効な職員アカウントを選んでください。")
                % {"town": member.municipality},
                "contact",
            )
        if head_signoff_on is not None and head_signoff_on > timezone.localdate():
            raise WorkspaceError(_("首長の了承日に今日より後の日付は入れられません。"), "head_signoff_on")
        member.contact = contact
        member.head_signoff_on = head_signoff_on
        member.save(update_fields=["contact", "head_signoff_on"])
    return member


def member_remove(*, actor, member_id: int) -> Workspace:
    """Remove a member (the runners) or leave (the member's own staff); the last founder stays."""
    with transaction.atomic():
        member = _locked_member(member_id)
        access.require(actor, "procurement.member.remove", member)
        workspace = member.workspace
        founders = Member.objects.select_for_update().filter(workspace=workspace, is_founder=True)
        if member.is_founder and founders.count() == 1:
            raise WorkspaceError(
                _(
                    "%(town)s は最後の発起団体のため、外すことはできません。"
                    "先にほかの発起団体を決めてください。"
                )
                % {"town": member.municipality}
            )
        member.delete()
    return workspace


def _secretariat_user(workspace, user: User) -> Secretariat:
    row, _created = Secretariat.objects.get_or_create(workspace=workspace, user=user)
    return row


def secretariat_join(*, actor, workspace_id: int) -> Secretariat:
    """A CIO advisor takes up a group no advisor runs yet."""
    with transaction.atomic():
        workspace = Workspace.objects.select_for_update().get(pk=workspace_id)
        access.require(actor, "procurement.secretariat.join", workspace)
        return _secretariat_user(workspace, actor)


def secretariat_add_advisor(*, actor, workspace_id: int, advisor: User) -> Secretariat:
    with transaction.atomic():
        workspace = Workspace.objects.select_for_update().get(pk=workspace_id)
        access.require(actor, "procurement.secretariat.manage", workspace)
        if role_of(advisor) not in ADVISOR_LIKE:
            raise WorkspaceError(_("事務局に加えられるのは、有効な CIO 補佐官のアカウントです。"), "advisor")
        return _secretariat_user(workspace, advisor)


def secretariat_remove(*, actor, secretariat_id: int) -> Workspace:
    """Take someone out of the secretariat; one CIO advisor always stays, so the group stays run."""
    with transaction.atomic():
        row = (
            Secretariat.objects.select_for_update().select_related("workspace", "user").get(pk=secretariat_id)
        )
        workspace = row.workspace
        access.require(actor, "procurement.secretariat.manage", workspace)
        advisors = advisors_of(workspace).exclude(pk=row.pk)
        if role_of(row.user) in ADVISOR_LIKE and not advisors.exists():
            raise WorkspaceError(_("事務局の CIO 補佐官が1人もいなくなるため、外せません。"))
        row.delete()
    return workspace


def secretariat_add_consultant(
    *,
    actor,
    workspace_id: int,
    consultant: User | None = None,
    email: str = "",
    last_name: str = "",
    first_name: str = "",
) -> Secretariat:
    """Add an existing consultant account, or make one (role CONSULTANT, no municipality) that is
    sent allauth's set-password link: it sees this workspace and the others it is added to, nothing else."""
    with transaction.atomic():
        workspace = Workspace.objects.select_for_update().get(pk=workspace_id)
        access.require(actor, "procurement.secretariat.manage", workspace)
        if consultant is None:
            consultant = _new_consultant(actor, email=email, last_name=last_name, first_name=first_name)
            # The mail needs the request it was asked in (allauth builds the link's address from it).
            request = allauth_context.request
            transaction.on_commit(lambda user=consultant: send_set_password_mail(user, workspace, request))
        elif role_of(consultant) != Role.CONSULTANT:
            raise WorkspaceError(
                _("選んだアカウントはコンサルタントのアカウントではありません。"), "consultant"
            )
        return _secretariat_user(workspace, consultant)


def _new_consultant(actor, *, email: str, last_name: str, first_name: str) -> User:
    email = User.objects.normalize_email(email.strip()).lower()
    if not email:
        raise WorkspaceError(_("メールアドレスを入力してください。"), "email")
    if not last_name.strip():
        raise WorkspaceError(_("氏名（姓）を入力してください。"), "last_name")
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        if role_of(existing) == Role.CONSULTANT:
            message = _(
                "このメールアドレスのコンサルタントのアカウントはすでにあります。「登録済みのアカウント」から選んでください。"
            )
        else:
            message = _(
                "このメールアドレスはポータルの利用者がすでに使っています。コンサルタント用には別のアドレスにしてください。"
            )
        raise WorkspaceError(message, "email")
    user = User.objects.create_user(
        email=email, password=None, last_name=last_name.strip(), first_name=first_name.strip()
    )
    # The secretariat vouches for the address; the set-password link proves the consultant holds it.
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    Membership.objects.create(
        user=user,
        role=Role.CONSULTANT,
        municipality=None,
        state=Membership.State.ACTIVE,
        started_on=timezone.localdate(),
        decided_by=actor,
    )
    return user


def send_set_password_mail(user: User, workspace: Workspace, request) -> None:
    """allauth's password-reset link (its token, its page), in a mail that says why it came."""
    key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    with allauth_context.request_context(request):
        adapter = get_adapter(request)
        adapter.send_mail(
            "procurement/email/consultant_account",
            user.email,
            {
                "user": user,
                "workspace": workspace,
                "password_reset_url": adapter.get_reset_password_from_key_url(key),
            },
        )
