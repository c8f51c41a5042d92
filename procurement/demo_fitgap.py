"""The demo's fit-gap matrix and common forms.

- The forming group (`kita-katsuragi-kikan`), at 提案評価: its line staff have judged about two thirds
  of 35 functions over its five business areas; one function (国保税の独自減免) still blocks
  ノーカスタマイズ, and a few notes show judgements moved from カスタマイズ要 to 運用で対応. Each
  founder and member column is judged by its own staff; 葛城市 has no demo account, so the consultant
  recorded its column on its behalf. Its common forms are under way.
- The seed's finished group (`nara-kikan-kyodoka`) unified 19 kinds of 規定帳票. The seed gives the
  number, not the names: the names below are illustrative, chosen from the forms such systems print.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from portal.models import SystemArea, User
from procurement.demo import CONSULTANT, FINISHED, FORMING
from procurement.models import AdoptionState, CommonForm, Fit, FitLevel, FormAdoption, Function, Workspace

LEVELS = {
    "S": FitLevel.STANDARD,
    "P": FitLevel.PARAMETER,
    "O": FitLevel.OPERATION,
    "C": FitLevel.CUSTOMISE,
    "N": FitLevel.NOT_NEEDED,
    "-": None,
}
# (area, function, description, levels for 香芝市・葛城市・河合町, notes by column)
FUNCTIONS = [
    ("住民記録", "住民票の写しの交付", "窓口・郵送・コンビニ交付", "SSS", {}),
    ("住民記録", "転入届の受付", "他市町村からの転入、転入通知の受信", "SSP", {}),
    ("住民記録", "転出届の受付", "転出証明書の交付を含む", "SS-", {}),
    ("住民記録", "転居届の受付", "", "S-S", {}),
    ("住民記録", "世帯変更届の受付", "世帯分離・世帯合併", "P-S", {}),
    ("住民記録", "印鑑登録・印鑑登録証明書の交付", "", "SPS", {}),
    ("住民記録", "住民基本台帳ネットワークとの連携", "", "SS-", {}),
    ("住民記録", "外国人住民の記録", "在留カードの情報の記録", "--S", {}),
    ("税務", "個人住民税の賦課", "特別徴収・普通徴収", "SPS", {}),
    (
        "税務",
        "個人住民税の納税通知書の作成",
        "共通化する規定帳票の一つ",
        "OSO",
        {
            0: "独自の様式をやめ、共通の様式に合わせる（運用で対応）",
            2: "当初カスタマイズ要としたが、共通様式に合わせる",
        },
    ),
    ("税務", "固定資産税の賦課", "土地・家屋・償却資産", "SS-", {}),
    ("税務", "軽自動車税（種別割）の賦課", "", "S-S", {}),
    ("税務", "収納管理", "口座振替・コンビニ収納の消込", "PPP", {}),
    ("税務", "滞納整理", "督促状・催告書の作成", "S-O", {2: "催告書の文面は運用で統一"}),
    ("税務", "税証明書の交付", "所得証明・納税証明", "SS-", {}),
    ("国保", "国保資格の取得・喪失", "", "SSS", {}),
    (
        "国保",
        "国保税の賦課",
        "所得割・均等割・平等割",
        "PP-",
        {},
    ),
    (
        "国保",
        "国保税の独自減免の計算",
        "町独自の減免基準による減額",
        "C-C",
        {0: "市独自の減免基準。条例改正の要否を検討中", 2: "町独自の減免。パッケージの標準にない"},
    ),
    ("国保", "高額療養費の支給", "", "S-S", {}),
    ("国保", "出産育児一時金の支給", "", "--S", {}),
    ("国保", "国保連合会とのデータ連携", "", "SS-", {}),
    ("介護", "要介護認定の申請受付", "", "SSS", {}),
    (
        "介護",
        "要介護認定（認定調査・審査会）",
        "認定調査票の管理と審査会資料の作成",
        "OS-",
        {0: "審査会資料の独自項目をやめ、標準の資料で運用"},
    ),
    ("介護", "介護保険料の賦課", "", "SP-", {}),
    ("介護", "介護保険料の収納・督促", "", "S--", {}),
    ("介護", "介護給付の管理", "", "-SS", {}),
    ("介護", "被保険者証の交付", "", "SSS", {}),
    ("介護", "地域包括支援センターとの連携", "", "N-O", {0: "市の地域包括支援センターは別システムで運用"}),
    ("福祉", "障害者手帳の交付管理", "身体・療育・精神", "S-S", {}),
    ("福祉", "障害福祉サービスの支給決定", "", "-PS", {}),
    ("福祉", "児童手当の認定・支給", "", "SS-", {}),
    ("福祉", "児童扶養手当の認定・支給", "", "S--", {}),
    ("福祉", "子ども医療費の助成", "市町村ごとの助成範囲", "P-P", {}),
    ("福祉", "生活保護の受給者管理", "", "N-N", {0: "県の福祉事務所が担当", 2: "県の福祉事務所が担当"}),
    ("福祉", "ひとり親家庭医療費の助成", "", "--S", {}),
]
FORMING_FORMS = [
    ("住民票の写し", "UUA"),
    ("印鑑登録証明書", "UUU"),
    ("納税通知書（個人住民税）", "AUN"),
    ("納税通知書（固定資産税）", "AA-"),
    ("督促状", "A--"),
    ("国民健康保険税納税通知書", "-A-"),
    ("介護保険料納入通知書", "---"),
]
FORM_STATES = {
    "U": AdoptionState.UNIFIED,
    "A": AdoptionState.ADJUSTING,
    "X": AdoptionState.NOT_APPLICABLE,
    "N": AdoptionState.NOT_STARTED,
    "-": None,
}
# Illustrative names: the seed says the group unified 19 kinds of form, without listing them.
FINISHED_FORMS = [
    "住民票の写し",
    "住民票記載事項証明書",
    "印鑑登録証明書",
    "転出証明書",
    "住民異動届",
    "納税通知書（個人住民税）",
    "納税通知書（固定資産税）",
    "納税通知書（軽自動車税）",
    "特別徴収税額通知書",
    "督促状",
    "催告書",
    "所得証明書",
    "納税証明書",
    "国民健康保険被保険者証",
    "国民健康保険税納税通知書",
    "介護保険被保険者証",
    "介護保険料納入通知書",
    "口座振替依頼書",
    "コンビニ収納用納付書",
]


def _forming(workspace: Workspace) -> int:
    members = {m.municipality.name: m for m in workspace.members.select_related("municipality")}
    columns = [members["香芝市"], members["葛城市"], members["河合町"]]
    deciders = [
        User.objects.get(email="kashiba.staff@example.jp"),
        User.objects.get(email=CONSULTANT),
        User.objects.get(email="kawai.staff@example.jp"),
    ]
    areas = {area.name: area for area in SystemArea.objects.filter(name__in={row[0] for row in FUNCTIONS})}
    now = timezone.now()
    fits = []
    for index, (area, name, description, levels, notes) in enumerate(FUNCTIONS):
        function = Function.objects.create(
            workspace=workspace, area=areas[area], name=name, description=description, order=(index + 1) * 10
        )
        for column, (member, code) in enumerate(zip(columns, levels, strict=True)):
            if LEVELS[code] is None:
                continue
            fits.append(
                Fit(
                    function=function,
                    member=member,
                    level=LEVELS[code],
                    note=notes.get(column, ""),
                    decided_by=deciders[column],
                    decided_at=now - datetime.timedelta(days=40 - index),
                )
            )
    Fit.objects.bulk_create(fits)
    for index, (name, states) in enumerate(FORMING_FORMS):
        form = CommonForm.objects.create(workspace=workspace, name=name, order=(index + 1) * 10)
        for column, (member, code) in enumerate(zip(columns, states, strict=True)):
            if FORM_STATES[code] is not None:
                FormAdoption.objects.create(
                    form=form, member=member, state=FORM_STATES[code], updated_by=deciders[column]
                )
    return len(FUNCTIONS)


def _finished(workspace: Workspace) -> int:
    advisor = User.objects.get(email="advisor@example.jp")
    unified_at = timezone.make_aware(datetime.datetime(2013, 3, 29, 17, 0))
    members = list(workspace.members.all())
    for index, name in enumerate(FINISHED_FORMS):
        form = CommonForm.objects.create(workspace=workspace, name=name, order=(index + 1) * 10)
        FormAdoption.objects.bulk_create(
            FormAdoption(
                form=form,
                member=member,
                state=AdoptionState.UNIFIED,
                updated_by=advisor,
                updated_at=unified_at,
            )
            for member in members
        )
    return len(FINISHED_FORMS)


def load(password: str) -> str:
    forming = Workspace.objects.filter(slug=FORMING).first()
    finished = Workspace.objects.filter(slug=FINISHED).first()
    made = []
    with transaction.atomic():
        if forming is not None and not forming.functions.exists():
            made.append(f"{_forming(forming)} functions in {forming.name}")
        if finished is not None and not finished.common_forms.exists():
            made.append(f"{_finished(finished)} common forms unified in {finished.name}")
    if not made:
        return "procurement fit-gap: the demo matrix and common forms are already there"
    return "procurement fit-gap: " + "; ".join(made)
