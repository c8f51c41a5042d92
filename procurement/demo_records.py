"""The records `make run` shows: the forming group's vendor Q&A, documents and decision log, and the
seed's finished group's decision log as history (found by the slugs procurement.demo gives them).

The files are small ones made here: one-page PDFs (an English heading in a standard font, so no font
is embedded) and UTF-8 text for the minutes and the draft compact. Rows are made directly, not through
the services, so that loading the demo sends no notices; the files still pass the kernel's checks.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from portal.models import User
from portal.uploads import check_upload
from procurement import files_records
from procurement.demo import CONSULTANT, FINISHED, FORMING
from procurement.models import (
    Agreement,
    Document,
    DocumentKind,
    QuestionRound,
    VendorQuestion,
    Workspace,
)

VENDORS = ("奈良システム株式会社", "株式会社まほろば情報技術")

# (round, vendor, question, answer, published)
QUESTIONS = [
    (
        QuestionRound.RFI,
        VENDORS[0],
        "対象となる5業務の現行システムの稼働年数と、各団体の契約満了時期を教えてください。",
        "3団体とも住民記録・税務は稼働から7〜9年です。契約満了は令和9年度末に揃える方向で調整しています。"
        "詳細は「RFI（情報提供依頼）資料」別紙1の一覧をご覧ください。",
        True,
    ),
    (
        QuestionRound.RFI,
        VENDORS[1],
        "ガバメントクラウド上での提供を前提としてよいでしょうか。",
        "はい。ガバメントクラウドでの提供を前提に情報提供をお願いします。費用はクラウド利用料を分けて記載してください。",
        True,
    ),
    (
        QuestionRound.RFI,
        VENDORS[1],
        "帳票の出力・封入封緘（BPO）は見積の範囲に含めますか。",
        "含めてください。規定帳票の共通化とあわせて、BPOの有無で費用がどう変わるかを示していただけると助かります。",
        True,
    ),
    (
        QuestionRound.RFI,
        VENDORS[0],
        "デモンストレーションはどの部署の職員の方が評価されますか。",
        "各団体の原課職員（住民課・税務課・保険年金課・介護保険課・福祉課）が、共通の評価シナリオで評価します。",
        True,
    ),
    (
        QuestionRound.RFP,
        VENDORS[0],
        "要求仕様書の「パラメータで可」と「カスタマイズ要」の判断基準を示してください。",
        "設定値の変更のみで対応できるものを「パラメータで可」、プログラムの改修が必要なものを「カスタマイズ要」とします。"
        "検討会はノーカスタマイズを原則としています。",
        True,
    ),
    (
        QuestionRound.RFP,
        VENDORS[1],
        "データ移行の対象期間は何年分を想定していますか。",
        "住民記録は全件、税務は過去5年分、国保・介護・福祉は過去3年分を想定しています"
        "（要求仕様書 第2版 4.3）。",
        True,
    ),
    (
        QuestionRound.RFP,
        VENDORS[1],
        "提案書の提出部数と電子データの形式を教えてください。",
        "正本1部・副本3部に加え、PDF形式の電子データを提出してください。",
        False,
    ),
    (
        QuestionRound.RFP,
        VENDORS[0],
        "庁内に設置するバックアップ・データ連係サーバの台数と設置場所は決まっていますか。",
        "",
        False,
    ),
]

# (what was agreed, at which meeting, the number of the entry it corrects)
FORMING_AGREEMENTS = [
    ("事務局業務を支援事業者に委託する（県の補助金を活用する）。", 1, None),
    ("参加団体を香芝市・葛城市・河合町の3団体で確定する。", 2, None),
    ("対象業務を住民記録・税務・国保・介護・福祉の5業務とする。", 2, None),
    ("事業者の評価は、原課職員によるデモ評価を行う。", 3, None),
    ("ノーカスタマイズを原則とし、パッケージの標準機能に業務を合わせる。", 3, None),
    ("デモ評価は、各団体2名以上の原課職員が共通の評価シナリオで行う。", 4, 4),
]
# Who was at each meeting (河合町 joined after the first), and when it met, in days from the start.
FORMING_PRESENT = {
    1: ["香芝市", "葛城市"],
    2: ["香芝市", "葛城市", "河合町"],
    3: ["香芝市", "葛城市", "河合町"],
    4: ["香芝市", "葛城市", "河合町"],
}
MEETING_DAYS = {1: 30, 2: 75, 3: 150, 4: 240}
MINUTES = "第{n}回検討会 議事録\n\n日時：{when}\n出席：{who}、事務局\n\n合意事項\n{body}\n"
# The seed's story (奈良県基幹システム共同化検討会): what its seven members agreed on the way to go-live.
FINISHED_AGREEMENTS = [
    ("参加団体を7市町で確定し、任意団体として検討を進める。", datetime.date(2010, 1, 20), "第2回検討会"),
    (
        "県の補助金を活用し、事務局作業を外部コンサルタントに委託する。",
        datetime.date(2010, 2, 18),
        "第3回検討会",
    ),
    ("規定帳票の共通化とBPO化を必須の要件とする。", datetime.date(2010, 4, 22), "第5回検討会"),
    ("事業者は総合評価型プロポーザル方式で選定する。", datetime.date(2010, 5, 27), "第6回検討会"),
    (
        "詳細な機能仕様の確認と業務の見直し（BPR）は事業者決定後に行い、ノーカスタマイズを原則とする。",
        datetime.date(2010, 9, 16),
        "第9回検討会",
    ),
    (
        "契約交渉は6か月を目途とし、有償の機能開発、サブシステム、データ移行、運用保守とSLAを詰める。",
        datetime.date(2010, 10, 21),
        "第10回検討会",
    ),
]
COMPACT = (
    "北葛城 基幹システム共同利用に関する協定書（案）\n\n"
    "第1条（目的）香芝市、葛城市及び河合町（以下「参加団体」という。）は、基幹系業務システムを共同で調達し、"
    "共同で利用することにより、経費の削減と住民サービスの向上を図る。\n"
    "第2条（対象業務）住民記録、税務、国民健康保険、介護保険及び福祉の5業務とする。\n"
    "第3条（費用の負担）共同利用に要する費用は、均等割及び人口割により参加団体が負担する。\n"
)


def _pdf(heading: str) -> bytes:
    """A one-page PDF with one line of text in Helvetica (a standard font: nothing embedded)."""
    stream = f"BT /F1 18 Tf 72 760 Td ({heading}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _version(document, name, data, note, uploader, when):
    checked = check_upload(SimpleUploadedFile(name, data))
    files_records.store_version(document, checked, actor=uploader, note=note, uploaded_at=when)


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _agreements(workspace, recorder, entries):
    """entries: (text, decided_on, meeting, municipality names, number it corrects or None)."""
    members = {
        member.municipality.name: member for member in workspace.members.select_related("municipality")
    }
    made = {}
    for number, (text, decided_on, meeting, names, corrects) in enumerate(entries, start=1):
        agreement = Agreement.objects.create(
            workspace=workspace,
            number=number,
            text=text,
            decided_on=decided_on,
            meeting=meeting,
            supersedes=made.get(corrects),
            recorded_by=recorder,
            recorded_at=_at(decided_on, 17),
        )
        agreement.agreed_by.set([members[name] for name in names])
        made[number] = agreement
    return len(made)


def _forming(workspace) -> str:
    advisor = User.objects.get(email="advisor@example.jp")
    consultant = User.objects.get(email=CONSULTANT)
    kashiba = User.objects.get(email="kashiba.staff@example.jp")
    start = workspace.started_on
    meetings = {n: start + datetime.timedelta(days=days) for n, days in MEETING_DAYS.items()}
    sent = {
        QuestionRound.RFI: start + datetime.timedelta(days=160),
        QuestionRound.RFP: start + datetime.timedelta(days=250),
    }
    for number, (round, vendor, question, answer, published) in enumerate(QUESTIONS, start=1):
        asked = _at(sent[round] + datetime.timedelta(days=7))
        answered = asked + datetime.timedelta(days=5) if answer else None
        VendorQuestion.objects.create(
            workspace=workspace,
            number=number,
            round=round,
            vendor=vendor,
            question=question,
            answer=answer,
            answered_by=consultant if answer else None,
            answered_at=answered,
            published_at=answered + datetime.timedelta(days=2) if published else None,
            created_by=consultant,
            created_at=asked,
        )

    rfi = Document.objects.create(
        workspace=workspace, kind=DocumentKind.RFI, title="RFI（情報提供依頼）資料", created_by=consultant
    )
    _version(rfi, "RFI資料_第1版.pdf", _pdf("Kita-Katsuragi RFI v1"), "", consultant, _at(sent["rfi"]))
    rfp = Document.objects.create(
        workspace=workspace, kind=DocumentKind.RFP, title="RFP 要求仕様書", created_by=consultant
    )
    draft_on = _at(sent["rfp"] - datetime.timedelta(days=20))
    _version(rfp, "要求仕様書_第1版.pdf", _pdf("Kita-Katsuragi RFP v1"), "", consultant, draft_on)
    note = "第4回検討会の意見を反映し、ノーカスタマイズの方針とデータ移行の対象期間（4.3）を追記"
    _version(rfp, "要求仕様書_第2版.pdf", _pdf("Kita-Katsuragi RFP v2"), note, consultant, _at(sent["rfp"]))
    for n in (1, 2, 3):
        minutes = Document.objects.create(
            workspace=workspace, kind=DocumentKind.MINUTES, title=f"第{n}回検討会 議事録", created_by=advisor
        )
        agreed = [text for text, meeting, _corrects in FORMING_AGREEMENTS if meeting == n]
        text = MINUTES.format(
            n=n,
            when=meetings[n].isoformat(),
            who="、".join(FORMING_PRESENT[n]),
            body="\n".join(f"{i}. {line}" for i, line in enumerate(agreed, start=1)),
        )
        written = _at(meetings[n] + datetime.timedelta(days=3))
        _version(minutes, f"第{n}回検討会議事録.txt", text.encode(), "", advisor, written)
    compact = Document.objects.create(
        workspace=workspace,
        kind=DocumentKind.COMPACT,
        title="共同利用に関する協定書（案）",
        created_by=kashiba,
    )
    _version(compact, "協定書案.txt", COMPACT.encode(), "たたき台", kashiba, _at(meetings[4]))

    entries = [
        (text, meetings[n], f"第{n}回検討会", FORMING_PRESENT[n], corrects)
        for text, n, corrects in FORMING_AGREEMENTS
    ]
    count = _agreements(workspace, advisor, entries)
    return f"{len(QUESTIONS)} Q&A, 6 documents, {count} agreements"


def _finished(workspace) -> str:
    advisor = User.objects.get(email="advisor@example.jp")
    seven = list(workspace.members.values_list("municipality__name", flat=True))
    entries = [(text, day, meeting, seven, None) for text, day, meeting in FINISHED_AGREEMENTS]
    return f"{_agreements(workspace, advisor, entries)} agreements"


def load(password: str) -> str:
    made = []
    for slug, build in ((FORMING, _forming), (FINISHED, _finished)):
        workspace = Workspace.objects.filter(slug=slug).first()
        if workspace is None or workspace.agreements.exists():
            continue
        made.append(f"{workspace.name}: {build(workspace)}")
    if not made:
        return "procurement records: the demo Q&A, documents and decision logs are already there"
    return "procurement records: " + "; ".join(made)
