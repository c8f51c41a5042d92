"""The systems in use of sixteen Nara municipalities, and one open invitation, for `make run`.

The data are illustrative (realistic vendors, packages, five-year contracts ending 2027–2030 and
annual costs in yen), chosen so that 香芝市's partner finder explains its ranking: 広陵町, a neighbour
in the seed's joint cloud whose 住民記録・税務・国保 contracts end three months after 香芝市's, comes
first. The forming group `kita-katsuragi-kikan` has invited 広陵町 with the finder's reasons.
"""

import datetime

from portal.models import Municipality, SystemArea, User
from procurement import partners
from procurement.demo import FORMING
from procurement.models import Invitation, SystemInUse, Workspace

INVITED = "広陵町"
PACKAGES = {"NEC": "COKAS-R/ADI", "富士通Japan": "MICJET", "TKC": "TASKクラウド", "日立システムズ": "ADWORLD"}
SYSTEM_NAMES = {
    "住民記録": "住民情報システム",
    "税務": "税務システム",
    "国保": "国民健康保険システム",
    "介護": "介護保険システム",
    "財務会計": "財務会計システム",
    "人事給与": "人事給与システム",
}

# municipality: [(area, vendor, contract end, annual cost in yen)]; every contract runs five years.
INVENTORY = {
    "香芝市": [
        ("住民記録", "NEC", "2028-03-31", 42_000_000),
        ("税務", "NEC", "2028-03-31", 36_000_000),
        ("国保", "NEC", "2028-03-31", 12_500_000),
        ("財務会計", "富士通Japan", "2027-09-30", 15_800_000),
        ("人事給与", "日立システムズ", "2029-03-31", 9_600_000),
    ],
    "葛城市": [
        ("住民記録", "NEC", "2028-09-30", 24_000_000),
        ("税務", "NEC", "2028-09-30", 21_000_000),
        ("財務会計", "富士通Japan", "2030-03-31", 9_800_000),
    ],
    "河合町": [
        ("住民記録", "NEC", "2028-03-31", 11_000_000),
        ("税務", "NEC", "2028-03-31", 9_500_000),
        ("財務会計", "TKC", "2029-03-31", 4_200_000),
    ],
    "広陵町": [
        ("住民記録", "NEC", "2028-06-30", 19_500_000),
        ("税務", "NEC", "2028-06-30", 17_000_000),
        ("国保", "NEC", "2028-06-30", 6_800_000),
        ("財務会計", "TKC", "2029-03-31", 5_900_000),
    ],
    "上牧町": [
        ("住民記録", "NEC", "2028-12-31", 13_200_000),
        ("税務", "NEC", "2028-12-31", 11_800_000),
    ],
    "王寺町": [
        ("住民記録", "日立システムズ", "2029-09-30", 14_500_000),
        ("税務", "日立システムズ", "2029-09-30", 12_000_000),
        ("財務会計", "富士通Japan", "2027-12-31", 4_800_000),
    ],
    "大和高田市": [
        ("住民記録", "RKKCS", "2030-03-31", 33_000_000),
        ("税務", "RKKCS", "2030-03-31", 28_000_000),
        ("財務会計", "富士通Japan", "2028-03-31", 12_400_000),
    ],
    "橿原市": [
        ("住民記録", "日立システムズ", "2030-03-31", 58_000_000),
        ("税務", "日立システムズ", "2030-03-31", 49_000_000),
    ],
    "田原本町": [
        ("住民記録", "NEC", "2029-06-30", 16_800_000),
        ("介護", "NEC", "2029-06-30", 5_200_000),
    ],
    "川西町": [("住民記録", "NEC", "2029-06-30", 7_900_000)],
    "天理市": [
        ("住民記録", "TKC", "2028-03-31", 29_500_000),
        ("税務", "TKC", "2028-03-31", 25_000_000),
    ],
    "生駒市": [
        ("住民記録", "富士通Japan", "2030-03-31", 52_000_000),
        ("財務会計", "富士通Japan", "2029-03-31", 18_500_000),
    ],
    "三郷町": [("住民記録", "TKC", "2030-03-31", 12_600_000)],
    "斑鳩町": [("住民記録", "RKKCS", "2029-03-31", 14_100_000)],
    "安堵町": [("住民記録", "TKC", "2028-09-30", 6_300_000)],
    "御所市": [
        ("住民記録", "RKKCS", "2030-03-31", 15_200_000),
        ("人事給与", "日立システムズ", "2029-03-31", 4_100_000),
    ],
}
MESSAGE = (
    "北葛城 基幹システム次期共同化検討会では、住民記録・税務などの次期共同調達を検討しています。"
    "貴町とは現行契約の終了時期が近く、以前の共同クラウドでもご一緒しました。"
    "まずは次回の勉強会にご参加いただけませんか。"
)


def _inventory() -> int:
    areas = {area.name: area for area in SystemArea.objects.all()}
    made = 0
    for name, systems in INVENTORY.items():
        municipality = Municipality.objects.get(name=name)
        for area, vendor, ends, cost in systems:
            end = datetime.date.fromisoformat(ends)
            SystemInUse.objects.create(
                municipality=municipality,
                area=areas[area],
                name=SYSTEM_NAMES[area],
                vendor=vendor,
                package=PACKAGES.get(vendor, ""),
                contract_start=datetime.date(end.year - 5, end.month, end.day) + datetime.timedelta(days=1),
                contract_end=end,
                annual_cost=cost,
                note="現行契約の更新時期に合わせて共同化を検討中"
                if name == "香芝市" and area == "住民記録"
                else "",
            )
            made += 1
    return made


def _invitation() -> Invitation:
    """Written as invitation_send keeps one, but without its notice: the demo's history is invented,
    and nobody is told of it (as every demo loader)."""
    workspace = Workspace.objects.get(slug=FORMING)
    invited = Municipality.objects.get(name=INVITED)
    candidate = partners.candidate_in_workspace(workspace, invited)
    return Invitation.objects.create(
        workspace=workspace,
        municipality=invited,
        message=MESSAGE,
        reasons=[reason.as_data() for reason in candidate.reasons],
        invited_by=User.objects.get(email="kashiba.staff@example.jp"),
    )


def load(password: str) -> str:
    done = []
    if not SystemInUse.objects.exists():
        done.append(f"{_inventory()} systems in use")
    if not Invitation.objects.filter(workspace__slug=FORMING, municipality__name=INVITED).exists():
        _invitation()
        done.append(f"an open invitation to {INVITED}")
    if not done:
        return "procurement inventory: the demo inventory and invitation are already there"
    return f"procurement inventory: {', '.join(done)}"
