"""The 人事異動 hand-over, which ends a portal membership: its kind of notice (it cannot be turned off)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal import notification_kinds

KIND = "handover"


def _message(params: dict) -> str:
    names = {key: params.get(key, "") for key in ("leaver", "successor", "requester", "who")}
    step = params.get("step")
    if step == "requested":
        return (
            gettext(
                "%(requester)s さんから、あなたの相談を %(successor)s さんに引き継いで"
                "所属を終了する依頼が届きました。"
                "承認するか断るかを選んでください。"
            )
            % names
        )
    if step == "confirmed":
        return (
            gettext(
                "%(leaver)s さんから %(successor)s さんへの引継ぎが "
                "%(who)s さんに承認され、引き継がれました。"
            )
            % names
        )
    if step == "refused":
        return (
            gettext(
                "%(leaver)s さんから %(successor)s さんへの引継ぎは %(who)s さんに断られました。"
                "理由は依頼の画面で確認できます。"
            )
            % names
        )
    return gettext("%(requester)s さんが、%(leaver)s さんの引継ぎの依頼を取り消しました。") % names


# A notice that one's own account is being handed over is not a preference: it cannot be turned off.
NOTIFICATION_KIND = notification_kinds.NotificationKind(
    slug=KIND, label=_("人事異動の引継ぎ"), message=_message, mutable=False
)
