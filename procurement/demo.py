"""The workspaces `make run` shows: a group forming now and the seed's finished group as history.

- 北葛城 基幹システム次期共同化検討会 (`kita-katsuragi-kikan`): 香芝市 and 葛城市 founded it, 河合町
  joined; the CIO advisor and a consultant account (consultant@example.jp, limited to this workspace) run
  it. The three are members of the finished group below, so this is its renewal: the next contract
  period's joint procurement.
- 奈良県基幹システム共同化検討会 (`nara-kikan-kyodoka`): the seed's seven members, founded by 葛城市 and
  河合町, live since 平成23年 one member after another.

The other concerns of the app (milestones, inventory, matrix, scores, costs) register loaders of their
own after this one (orders 410–450) and find the groups by these slugs.
"""

import datetime

from django.utils import timezone

from portal import demo
from portal.models import Municipality, Role, SystemArea, User
from procurement.models import Member, Secretariat, Workspace, WorkspaceStatus

FORMING = "kita-katsuragi-kikan"
FINISHED = "nara-kikan-kyodoka"
CONSULTANT = "consultant@example.jp"
# The business areas the forming group studies, from the portal's taxonomy.
FORMING_AREAS = ["住民記録", "税務", "国保", "介護", "福祉"]
FINISHED_MEMBERS = ["葛城市", "河合町", "香芝市", "川西町", "田原本町", "上牧町", "広陵町"]
FINISHED_FOUNDERS = {"葛城市", "河合町"}


def _town(name):
    return Municipality.objects.get(name=name)


def _forming(password):
    advisor = User.objects.get(email="advisor@example.jp")
    kashiba = User.objects.get(email="kashiba.staff@example.jp")
    kawai = User.objects.get(email="kawai.staff@example.jp")
    consultant = demo.account(CONSULTANT, "支援", "恵子", Role.CONSULTANT, password)
    workspace = Workspace.objects.create(
        slug=FORMING,
        name="北葛城 基幹システム次期共同化検討会",
        description=(
            "奈良県基幹システム共同化検討会で共同利用している基幹系5業務の次期更新に向けて、"
            "香芝市と葛城市の呼びかけで、次の契約期間の共同調達を検討しています。"
            "原課職員によるデモ評価を終え、提案評価を行っている段階です。"
        ),
        purpose="cost",
        started_on=timezone.localdate() - datetime.timedelta(days=300),
        created_by=kashiba,
    )
    workspace.areas.set(SystemArea.objects.filter(name__in=FORMING_AREAS))
    Member.objects.create(
        workspace=workspace,
        municipality=_town("香芝市"),
        is_founder=True,
        contact=kashiba,
        joined_on=workspace.started_on,
        head_signoff_on=workspace.started_on + datetime.timedelta(days=45),
    )
    Member.objects.create(
        workspace=workspace, municipality=_town("葛城市"), is_founder=True, joined_on=workspace.started_on
    )
    Member.objects.create(
        workspace=workspace,
        municipality=_town("河合町"),
        contact=kawai,
        joined_on=workspace.started_on + datetime.timedelta(days=60),
    )
    Secretariat.objects.create(workspace=workspace, user=advisor)
    Secretariat.objects.create(workspace=workspace, user=consultant)
    return workspace


def _finished():
    advisor = User.objects.get(email="advisor@example.jp")
    started = datetime.date(2009, 10, 1)
    workspace = Workspace.objects.create(
        slug=FINISHED,
        name="奈良県基幹システム共同化検討会",
        description=(
            "葛城市と河合町が発起し、地理的な隣接、似た規模、日頃の関係から参加を呼びかけた7市町の検討会。"
            "総合評価型プロポーザル方式で事業者を選定し、平成23年5月から順次稼働しました（22業務）。"
        ),
        purpose="cost",
        status=WorkspaceStatus.LIVE,
        started_on=started,
        created_by=advisor,
    )
    workspace.areas.set(
        SystemArea.objects.filter(name__in=["住民記録", "税務", "国保", "介護", "福祉", "戸籍"])
    )
    for name in FINISHED_MEMBERS:
        Member.objects.create(
            workspace=workspace,
            municipality=_town(name),
            is_founder=name in FINISHED_FOUNDERS,
            joined_on=started if name in FINISHED_FOUNDERS else datetime.date(2010, 1, 1),
            head_signoff_on=datetime.date(2010, 3, 31),
        )
    Secretariat.objects.create(workspace=workspace, user=advisor)
    return workspace


def load(password: str) -> str:
    made = []
    if not Workspace.objects.filter(slug=FORMING).exists():
        made.append(_forming(password))
    if not Workspace.objects.filter(slug=FINISHED).exists():
        made.append(_finished())
    if not made:
        return "procurement: the demo workspaces are already there"
    return (
        f"procurement: {len(made)} workspaces ({', '.join(w.name for w in made)}); consultant: {CONSULTANT}"
    )
