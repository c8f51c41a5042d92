"""Demo know-how for load_demo: about forty posts of every kind from several municipalities, with
answers, an accepted answer, 「役に立った」 and 「うちも同じ」 marks, an anonymous post, an obsolete post, an
edited post (so the revisions page has something to show), a template with another municipality's
version of it and a draft; enough 「うちも同じ」 marks that /knowhow/shared-problems/ has rows (with the
desk's demo consultations for the areas); the vendor names FAQs mask, and a FAQ made from the desk's
example consultation (portal.demo hands its key), published with 香芝市's consent; and one question asked
from a case study once load_cases has run. Registered in apps.py.

Written through the services (the same rules as the pages), then dated back over the past months.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page

from knowhow import faq, moderation, notifications, services
from knowhow.models import (
    Answer,
    Faq,
    FlagReason,
    Kind,
    Post,
    SourceKind,
    Tag,
    TemplateKind,
    VendorName,
    WatchLevel,
)
from portal import demo, material
from portal.models import Municipality, Role, SystemArea, User
from portal.uploads import check_uploads
from search import indexing

NOTICE_TASKS = [
    notifications.notify.module_path,
    moderation.notify_author.module_path,
    faq.notify_consent.module_path,
]

# The vendor names FAQs leave out (advisors keep the list in /admin/): name, other ways of writing it.
VENDORS = [
    ("奈良システム株式会社", "奈良シス"),
    ("大和ネットワークサービス株式会社", "大和NS\nYamato Network Service"),
    ("株式会社ヤマトデータ", "ヤマトデータ"),
    ("株式会社まほろば情報技術", "まほろば情報"),
    ("吉野コンピュータ株式会社", "ヨシノコンピュータ"),
]

EXTRA_STAFF = [
    # email, family name, given name, municipality code
    ("tenri.staff@example.jp", "天理", "直子", "29204"),
    ("kashihara.staff@example.jp", "橿原", "大輔", "29205"),
    ("ikaruga.staff@example.jp", "斑鳩", "陽子", "29344"),
    ("asuka.staff@example.jp", "明日香", "修", "29402"),
    ("uda.staff@example.jp", "宇陀", "千尋", "29212"),
]

# kind, title, tags, system areas, body (template kind for templates)
POSTS = [
    (
        Kind.QUESTION,
        "ガバメントクラウドへの移行で、運用経費が増える見込みをどう説明していますか",
        ["ガバメントクラウド", "標準化"],
        ["住民記録", "税務"],
        "標準準拠システムへの移行後、運用経費が現行より増える試算が出ています。\n"
        "議会や財政課にどのように説明されたか、資料の構成だけでも教えてください。",
    ),
    (
        Kind.TIP,
        "標準化対応の進捗管理は、20業務を1枚の工程表にまとめると楽です",
        ["標準化", "ガバメントクラウド"],
        ["住民記録", "税務", "国保"],
        "業務ごとにベンダーの工程表が届きますが、庁内向けには1枚にまとめ直しています。\n"
        "移行判定日と並行稼働期間を色分けすると、原課との打合せが短くなりました。",
    ),
    (
        Kind.QUESTION,
        "LGWAN接続系の端末でWeb会議を使う方法",
        ["LGWAN", "情報セキュリティ"],
        ["ネットワーク・LGWAN"],
        "LGWAN接続系の端末しかない職場で、県や他団体とのWeb会議に参加したいという要望があります。\n"
        "仮想ブラウザやLGWAN-ASPのサービスなど、実際に使っている方法を教えてください。",
    ),
    (
        Kind.TIP,
        "RPAで住民異動届の入力確認を自動化した手順",
        ["RPA"],
        ["住民記録"],
        "窓口で受け付けた異動届の内容を、RPAで基幹系の照会画面と突き合わせています。\n"
        "シナリオは職員が作成し、変更があったときの手順書を必ず残すようにしています。",
    ),
    (
        Kind.QUESTION,
        "図書館システムの共同調達に関心のある団体はありますか",
        ["図書館", "共同調達"],
        ["図書館"],
        "当町の図書館システムが令和9年度末に更新時期を迎えます。\n"
        "近隣の団体と共同で調達できれば、仕様の作成や費用の面で助かると考えています。",
    ),
    (
        Kind.TEMPLATE,
        "クラウドサービス利用時のSLAチェックリスト（案）",
        ["SLA", "ガバメントクラウド"],
        ["庁内情報系"],
        "稼働率、障害時の連絡時間、データの返還方法、監査の受入れなど30項目を一覧にしました。\n"
        "契約前の確認と、年1回の見直しに使っています。",
        TemplateKind.SLA_CHECKLIST,
    ),
    (
        Kind.TEMPLATE,
        "基幹系システム共同調達のRFPひな形",
        ["共同調達", "標準化"],
        ["住民記録", "税務"],
        "共同調達の検討会で作成したRFPの構成です。\n"
        "参加団体ごとの個別要件は別紙に分け、共通部分だけを本文に書く形にしています。",
        TemplateKind.RFP,
    ),
    (
        Kind.TEMPLATE,
        "システム共同利用に関する協定書の例",
        ["共同調達"],
        ["庁内情報系"],
        "費用負担の按分方法、脱退時の扱い、データの帰属を条文にしています。\n"
        "按分は均等割と人口割の組み合わせです。",
        TemplateKind.AGREEMENT,
    ),
    (
        Kind.TEMPLATE,
        "情報セキュリティポリシーの実施手順（USBメモリ）",
        ["情報セキュリティ"],
        ["ネットワーク・LGWAN"],
        "USBメモリの登録、貸出し、持出しの記録、廃棄までの手順を定めた例です。",
        TemplateKind.RULES,
    ),
    (
        Kind.TEMPLATE,
        "施設予約システム更新の仕様書（機能要件一覧）",
        ["施設予約"],
        ["施設予約"],
        "予約、抽選、料金の収納、障害者割引の設定など、機能要件を表にしました。",
        TemplateKind.SPECIFICATION,
    ),
    (
        Kind.CASE_NOTE,
        "電子申請の導入で窓口の待ち時間が減った事例",
        ["電子申請"],
        ["電子申請"],
        "児童手当の現況届を電子申請にしたところ、6月の窓口の混雑が目に見えて減りました。\n"
        "紙の申請も残し、高齢の方には窓口で職員が入力を手伝っています。",
    ),
    (
        Kind.CASE_NOTE,
        "庁内ネットワークの更新で、無線LANを導入したときの注意点",
        ["LGWAN", "情報セキュリティ"],
        ["ネットワーク・LGWAN"],
        "無線LANを入れるときは、三層の分離のどの系に置くかを最初に決める必要がありました。\n"
        "私たちはインターネット接続系だけにし、認証は証明書方式にしました。",
    ),
    (
        Kind.QUESTION,
        "RPAのシナリオを作れる職員をどう育てていますか",
        ["RPA"],
        ["庁内情報系"],
        "RPAを導入しましたが、シナリオを作れるのが情報担当の2人だけです。\n"
        "原課の職員向けの研修や、作成ルールの例があれば教えてください。",
    ),
    (
        Kind.TIP,
        "保守契約の更新前に、障害件数と対応時間を1年分集計しておく",
        ["SLA"],
        ["財務会計"],
        "更新の交渉では、実際の障害件数と復旧までの時間を示すと話が早く進みます。\n"
        "問合せ記録から月ごとに集計する表を作っておくと便利です。",
    ),
    (
        Kind.QUESTION,
        "戸籍システムの標準化対応で、文字の同定作業はどこまで進んでいますか",
        ["標準化"],
        ["戸籍"],
        "外字の同定作業が想定より多く、スケジュールに影響が出そうです。\n"
        "作業を外部に委託したかどうか、委託した場合の費用の目安を知りたいです。",
    ),
    (
        Kind.TIP,
        "ガバメントクラウドの接続回線は、早めに見積りを取る",
        ["ガバメントクラウド"],
        ["ネットワーク・LGWAN"],
        "接続回線の見積りに2か月かかりました。\n"
        "回線事業者への依頼は、移行計画が固まる前から始めておくことをお勧めします。",
    ),
    (
        Kind.QUESTION,
        "情報セキュリティ監査を外部に頼む場合の仕様",
        ["情報セキュリティ"],
        ["庁内情報系"],
        "来年度に初めて外部監査を入れる予定です。\n"
        "監査の範囲をどこまでにしたか、仕様書にどのような項目を入れたか教えてください。",
    ),
    (
        Kind.CASE_NOTE,
        "図書館システムを自治体クラウドに移した町の経験",
        ["図書館"],
        ["図書館"],
        "オンプレミスのサーバ更新をやめ、クラウド型の図書館システムにしました。\n"
        "夜間のバッチがなくなり、職員の作業が減りました。",
    ),
    (
        Kind.QUESTION,
        "職員のパスワード管理をどうしていますか",
        ["情報セキュリティ"],
        ["庁内情報系"],
        "定期的なパスワード変更をやめるべきか議論しています。\n"
        "多要素認証を入れた団体の事例があれば教えてください。",
    ),
    (
        Kind.TIP,
        "標準仕様書の改版は、デジタル庁の公開ページを週1回確認",
        ["標準化"],
        ["住民記録"],
        "改版の通知を見落とさないよう、担当者が毎週月曜に確認することにしています。",
    ),
    (
        Kind.QUESTION,
        "上下水道料金システムを近隣団体と共同利用している例",
        ["共同調達"],
        ["上下水道"],
        "上下水道料金システムの更新を控えています。\n"
        "共同利用している団体があれば、費用の分け方を教えてください。",
    ),
    (
        Kind.TIP,
        "会議録の作成に音声認識を使うときの注意",
        ["RPA"],
        ["文書管理"],
        "音声認識の結果は必ず職員が確認します。\n固有名詞の辞書登録をしておくと修正の手間が減ります。",
    ),
    (
        Kind.CASE_NOTE,
        "共同調達の検討会を立ち上げるまでの半年",
        ["共同調達"],
        ["住民記録", "税務"],
        "首長同士の合意の前に、担当課長会議で課題を出し合う場を3回設けました。\n"
        "費用の試算を早めに示したことが、参加を決める決め手になりました。",
    ),
    (
        Kind.QUESTION,
        "選挙システムの更新時期をそろえることはできますか",
        ["共同調達"],
        ["選挙"],
        "選挙システムは団体ごとに更新時期が違い、共同調達が難しいと聞きます。\n"
        "契約期間を調整して更新時期をそろえた例はありますか。",
    ),
    (
        Kind.TIP,
        "子育て支援のオンライン申請は、マイナポータルとの連携を先に確認",
        ["電子申請"],
        ["子ども・子育て"],
        "ぴったりサービスで受け付けられる手続と、自前の申請システムが必要な手続を先に分けておくと、"
        "調達の範囲がはっきりします。",
    ),
    (
        Kind.QUESTION,
        "ホームページのリニューアルで、アクセシビリティの検証をどうしていますか",
        ["情報セキュリティ"],
        ["ホームページ"],
        "JIS X 8341-3の適合確認を、委託先任せにしないためにどうしているか知りたいです。",
    ),
    (
        Kind.CASE_NOTE,
        "健康管理システムのデータ移行で困ったこと",
        ["標準化"],
        ["健康管理"],
        "旧システムの検診結果の項目が標準仕様と合わず、変換表の作成に時間がかかりました。",
    ),
    (
        Kind.TIP,
        "LGWANメールの添付ファイル無害化で、PDFが読めなくなるときは",
        ["LGWAN"],
        ["ネットワーク・LGWAN"],
        "無害化の設定で画像化されるとき、原本の取り出し手順を職員向けに1枚にまとめています。",
    ),
    (
        Kind.QUESTION,
        "公有財産台帳のシステム化は必要でしょうか",
        [],
        ["公有財産"],
        "現在はExcelで管理しています。\n"
        "固定資産台帳との連携のためにシステムを入れた団体があれば、効果を教えてください。",
    ),
    (
        Kind.TIP,
        "人事給与システムの年末調整は、前年の問合せを一覧にしておく",
        [],
        ["人事給与"],
        "毎年同じ質問が多いので、前年の問合せと回答を一覧にして職員に配っています。",
    ),
    (
        Kind.CASE_NOTE,
        "介護保険システムの共同クラウドに参加して",
        ["ガバメントクラウド", "共同調達"],
        ["介護"],
        "参加団体で運用ルールをそろえる必要があり、最初の1年は調整の会議が多くありました。\n"
        "2年目からは制度改正の対応費用を分担できるようになりました。",
    ),
    (
        Kind.QUESTION,
        "財務会計システムの電子決裁で、紙の添付書類をどうしていますか",
        [],
        ["財務会計"],
        "請求書の原本を紙で残す運用をやめられるか検討中です。",
    ),
    (
        Kind.TIP,
        "文書管理システムの分類表は、導入前に原課と一緒に見直す",
        [],
        ["文書管理"],
        "分類表を現行のまま移すと、使われない分類が大量に残ります。",
    ),
    (
        Kind.QUESTION,
        "国保システムの標準化で、独自の帳票をどこまで残しましたか",
        ["標準化"],
        ["国保"],
        "独自帳票を減らすよう求められていますが、原課から残してほしいという声が多いです。",
    ),
    (
        Kind.CASE_NOTE,
        "福祉部門でタブレットを使った訪問記録",
        [],
        ["福祉"],
        "訪問先でタブレットに記録し、帰庁後の入力作業をなくしました。",
    ),
    (
        Kind.TIP,
        "SLAの稼働率は、計画停止を含めるかどうかを必ず確認",
        ["SLA"],
        ["庁内情報系"],
        "稼働率99.9%とあっても、計画停止を除いた値であることが多いです。",
    ),
    (
        Kind.QUESTION,
        "情報担当が1人の村で、セキュリティ研修をどう続けていますか",
        ["情報セキュリティ"],
        ["庁内情報系"],
        "職員研修を毎年自前で行うのが難しくなっています。\n"
        "県や他団体と合同で行っている例があれば教えてください。",
    ),
    (
        Kind.TIP,
        "共同調達の費用按分は、均等割と人口割の比率を最初に決める",
        ["共同調達"],
        ["住民記録"],
        "按分の比率が決まらないまま仕様の検討を進めると、最後に参加団体の合意が崩れることがあります。\n"
        "検討会の初回に、比率の案を2つほど示して議論しました。",
    ),
    (
        Kind.QUESTION,
        "庁内のファイルサーバをクラウドストレージに移した団体はありますか",
        ["ガバメントクラウド", "情報セキュリティ"],
        ["庁内情報系"],
        "ファイルサーバの更新時期が近づいています。\n"
        "クラウドストレージに移した場合のアクセス権の設計と、LGWAN接続系からの使い方を知りたいです。",
    ),
]

ANSWERS = {
    # index of the question → [(answerer index, body)]; the first answer to question 0 is accepted.
    0: [
        (
            1,
            "当町では、現行経費と移行後経費を項目ごとに並べ、増える理由を「回線」「共通基盤」"
            "「二重運用期間」に分けて説明しました。\n財政課には3年間の推移で示すと理解が得られました。",
        ),
        (2, "国の補助の対象になる部分とならない部分を分けて表にしています。"),
    ],
    2: [(3, "仮想ブラウザ方式で、インターネット接続系の画面を転送して使っています。")],
    4: [
        (0, "香芝市も令和9年度に更新予定です。共同調達の勉強会にぜひ参加させてください。"),
        (4, "県の相談窓口に相談すると、共同化の検討会の進め方を助言してもらえました。"),
    ],
    12: [(5, "作成ルールを1枚にまとめ、原課の職員と一緒に1本目を作る研修をしています。")],
    16: [(1, "監査の範囲は、まず庁内ネットワークと基幹系に絞りました。")],
    14: [(3, "同定の対象を外字に絞り、法務局の一覧と突き合わせています。今は7割ほど終わりました。")],
    18: [(6, "多要素認証を入れて定期変更をやめました。問合せは減りました。")],
    20: [(2, "近隣の2町と料金計算部分だけを共同利用しています。窓口と収納は各町で行っています。")],
    23: [
        (4, "当市は次の更新で契約期間を1年延ばし、隣の町と更新時期をそろえる予定です。"),
        (6, "選挙の日程に左右されるので、更新作業は選挙のない年の秋に行うようにしています。"),
    ],
    25: [(0, "JIS X 8341-3 の試験を業者に頼み、結果を公開しています。職員向けの研修も年1回あります。")],
    31: [(5, "添付書類はPDFにして決裁に付け、原本は担当課で保管するルールにしました。")],
    33: [(2, "住民に送る帳票は残し、庁内で使う帳票は標準の帳票に切り替えました。")],
    36: [
        (0, "県の研修の録画を使い、年2回の受講を全職員にお願いしています。"),
        (3, "標的型メールの訓練を近隣の町と合同で行っています。"),
    ],
    38: [(4, "アクセス権は課ごとのフォルダ単位にし、LGWAN接続系からは画面転送で使っています。")],
}


def _staff(email, last_name, first_name, code, password):
    return demo.account(
        email, last_name, first_name, Role.STAFF, password, Municipality.objects.get(code=code)
    )


def _dated(post: Post, when: datetime.datetime) -> None:
    Post.objects.filter(pk=post.pk).update(
        created_at=when, updated_at=when, published_at=when if post.is_published else None
    )
    indexing.changed(post)  # an UPDATE sends no signal; the dates are in the post's document


def _flags(posts, people, advisor) -> None:
    """One post with two open flags (still shown, in the moderation queue) and one hidden by three."""
    flagged, hidden = posts[10], posts[22]
    readers = [p for p in people if p.current_membership.municipality_id != flagged.municipality_id]
    moderation.flag_create(actor=readers[0], post_id=flagged.pk, reason=FlagReason.INACCURATE)
    moderation.flag_create(
        actor=readers[1],
        post_id=flagged.pk,
        reason=FlagReason.DUPLICATE,
        note="同じ内容の投稿が先にあります。",
    )
    readers = [p for p in people if p.current_membership.municipality_id != hidden.municipality_id]
    note = "担当者の氏名と直通の電話番号が本文に書かれています。"
    for reader in (readers[0], readers[1]):
        moderation.flag_create(actor=reader, post_id=hidden.pk, reason=FlagReason.PERSONAL_DATA, note=note)
    moderation.flag_create(actor=advisor, post_id=hidden.pk, reason=FlagReason.PERSONAL_DATA)


SOURCES = [
    (
        SourceKind.GUIDELINE,
        "地方公共団体情報システム標準化基本方針",
        "",
        datetime.date(2024, 12, 24),
        "https://www.digital.go.jp/policies/local_governments",
    ),
    (SourceKind.LAW, "地方公共団体情報システムの標準化に関する法律", "令和3年法律第40号", None, ""),
    (SourceKind.NOTICE, "ガバメントクラウドの利用に関する留意事項について", "デジタル庁事務連絡", None, ""),
]
SLA_CHECKLIST = (
    "項目,確認内容,確認した\n"
    "稼働率,月間99.5%以上が定められているか,\n"
    "障害連絡,検知から30分以内の第一報が定められているか,\n"
    "定期報告,毎月の運用報告の様式が定められているか,\n"
)


def _edit(post: Post, **changes) -> Post:
    """The author edits the post as the edit page would, keeping what they do not change."""
    values = {
        "kind": post.kind,
        "template_kind": post.template_kind,
        "title": post.title,
        "body": post.body,
        "tags": [tag.name for tag in post.tags.all()],
        "system_areas": list(post.system_areas.all()),
        "anonymous": post.anonymous,
    }
    return services.post_update(post_id=post.pk, actor=post.author, **{**values, **changes})


def _library(posts: list[Post], people: list[User], advisor: User) -> None:
    """Sources on the first posts about ガバメントクラウド, one post due for review (a notice it cites was
    last checked more than a year ago), and a file on the first template."""
    cloud = [post for post in posts if "ガバメントクラウド" in {tag.name for tag in post.tags.all()}]
    for post, (kind, title, number, issued_on, url) in zip(cloud, SOURCES, strict=False):
        services.source_add(
            post_id=post.pk,
            actor=post.author,
            kind=kind,
            title=title,
            number=number,
            issued_on=issued_on,
            url=url,
        )
    stale = cloud[2]
    Post.objects.filter(pk=stale.pk).update(
        last_checked_on=timezone.localdate() - datetime.timedelta(days=400)
    )
    template = next(post for post in posts if post.kind == Kind.TEMPLATE)
    _edit(
        template,
        uploads=check_uploads([SimpleUploadedFile("SLAチェックリスト.csv", SLA_CHECKLIST.encode())]),
        version_note="令和8年度版（障害連絡の項目を追加）",
    )
    _derived_version(template, people)


def _derived_version(template: Post, people: list[User]) -> None:
    """Another municipality makes its own version of the template and publishes it; colleagues have
    downloaded both, so the library shows versions and counts."""
    deriver = next(p for p in people if p.current_membership.municipality_id != template.municipality_id)
    copy = services.post_derive(post_id=template.pk, actor=deriver)
    _edit(copy, body=copy.body + "\n当団体では、障害連絡の第一報を15分以内としています。")
    services.post_publish(post_id=copy.pk, actor=deriver)
    for post, readers in ((template, people[1:4]), (copy, people[2:4])):
        attachment = post.attachments.first()
        for reader in readers:
            if reader != post.author:
                services.attachment_download(attachment_id=attachment.pk, actor=reader)


def load(password: str) -> str:
    """Creates the demo know-how once, the vendor names and the example FAQ when missing; says what."""
    report = _posts(password)
    for name, aliases in VENDORS:
        VendorName.objects.get_or_create(name=name, defaults={"aliases": aliases})
    report += "; " + _faq_example()
    # The demo's history needs no e-mails: drop the notices its posts, answers, flags and FAQ queued.
    DBTaskResult.objects.filter(task_path__in=NOTICE_TASKS).delete()
    return report


def _faq_example() -> str:
    """The advisor makes a FAQ of the desk's example consultation, asks 香芝市, and its staff consent."""
    source_pk = demo.handed("consultations.faq_example")
    if source_pk is None:
        return "no example FAQ (no demo consultation to make it from)"
    if Faq.objects.filter(source=faq.SOURCE, source_pk=source_pk).exists():
        return "example FAQ: already there"
    advisor = User.objects.get(email="advisor@example.jp")
    consenter = User.objects.get(email="kashiba.staff@example.jp")
    draft = faq.draft_from(material.get(faq.SOURCE, source_pk))
    post = faq.faq_create(
        actor=advisor,
        source=faq.SOURCE,
        source_pk=source_pk,
        title="庁内ネットワーク更改の見積額が予算を超えたときの進め方",
        body=draft.body
        + "\n\n■ ポイント\n機器の仕様と構築作業を分けて、複数の事業者から見積を取ると比較しやすくなります。",
        tags=["調達", "見積"],
        system_areas=list(SystemArea.objects.filter(name="ネットワーク・LGWAN")),
    )
    faq.faq_request_consent(post_id=post.pk, actor=advisor)
    post.refresh_from_db()
    faq.faq_consent(post_id=post.pk, actor=consenter, version=post.version)
    return "example FAQ: published with 香芝市's consent"


def _posts(password: str) -> str:
    if Post.objects.filter(author__email__endswith="@example.jp").exclude(kind=Kind.FAQ).exists():
        return "demo know-how: already there"
    people = [User.objects.get(email=e) for e in ("kashiba.staff@example.jp", "kawai.staff@example.jp")]
    people += [_staff(*spec, password) for spec in EXTRA_STAFF]
    advisor = User.objects.get(email="advisor@example.jp")
    areas = {area.name: area for area in SystemArea.objects.all()}
    now = timezone.now()
    posts = []
    for index, (kind, title, tags, area_names, body, *template_kind) in enumerate(POSTS):
        author = people[index % len(people)]
        post = services.post_create(
            actor=author,
            kind=kind,
            template_kind=template_kind[0] if template_kind else "",
            title=title,
            body=body,
            tags=tags,
            system_areas=[areas[name] for name in area_names if name in areas],
            anonymous=index == 18,  # the password question is asked without the municipality's name
        )
        posted_at = now - datetime.timedelta(days=3 * (len(POSTS) - index), hours=index)
        _dated(post, posted_at)
        post.published_at = posted_at
        posts.append(post)

    for question, answers in ANSWERS.items():
        for order, (answerer, body) in enumerate(answers, start=1):
            answer = services.answer_create(post_id=posts[question].pk, actor=people[answerer], body=body)
            # Answered a day or two after the question was asked (the newest questions: today at most).
            answered_at = min(posts[question].published_at + datetime.timedelta(days=order, hours=2), now)
            Answer.objects.filter(pk=answer.pk).update(created_at=answered_at)
    first = Answer.objects.filter(post=posts[0]).order_by("pk").first()
    services.answer_accept(answer_id=first.pk, actor=posts[0].author)
    Post.objects.filter(pk=posts[0].pk).update(accepted_at=posts[0].published_at + datetime.timedelta(days=4))
    services.answer_verify(answer_id=first.pk, actor=advisor)
    # Not the post due for review (_library): a post confirmed today is not 「要確認」.
    for post in (posts[13], posts[1], posts[35]):
        services.post_verify(post_id=post.pk, actor=advisor)

    for index, post in enumerate(posts):
        # Most posts were found helpful by someone; a few not yet.
        for reader in people[(index % 3) + 1 :: 2] if index % 5 != 4 else ():
            if reader != post.author:
                services.helpful_mark(actor=reader, post_id=post.pk)
    services.helpful_mark(actor=people[4], answer_id=first.pk)
    # The anonymous password question too: the shared problems show officials 「ほか匿名 1 団体」.
    for question in (posts[4], posts[0], posts[36], posts[18]):
        for reader in people:
            if reader.current_membership.municipality_id != question.municipality_id:
                services.same_problem_mark(actor=reader, post_id=question.pk)

    _flags(posts, people, advisor)
    services.post_mark_obsolete(
        post_id=posts[27].pk,
        actor=advisor,
        note="無害化の方式が変わったため、この手順は使えなくなりました。",
    )
    edited = posts[19]
    _edit(edited, body=edited.body + "\n確認した日と改版の有無は、係内の共有フォルダの一覧に記録します。")
    _library(posts, people, advisor)
    services.post_create(
        actor=people[0],
        kind=Kind.TIP,
        title="（下書き）庁内チャットの導入で決めたルール",
        body="業務時間外の通知、既読の扱い、保存期間について、まとめている途中です。",
        tags=["情報セキュリティ"],
        publish=False,
    )
    # 河合町 follows ガバメントクラウド and reads the weekly digest; 香芝市 mutes an area it does not work on.
    services.watch_set(
        actor=people[1], level=WatchLevel.WATCHING, tag_id=Tag.objects.get(name="ガバメントクラウド").pk
    )
    services.watch_set(actor=people[1], level=WatchLevel.TRACKING, post_id=posts[4].pk)
    services.digest_subscription_set(actor=people[1], subscribed=True)
    if "税務" in areas:
        services.watch_set(actor=people[0], level=WatchLevel.MUTED, system_area_id=areas["税務"].pk)
    return f"demo know-how: {Post.objects.count()} posts (one a draft), {Answer.objects.count()} answers"


CASE_QUESTION = (
    "共同クラウドに参加したときの、庁内の説明と費用按分の決め方",
    "当市でも基幹システムの共同クラウドへの参加を検討しています。\n"
    "参加を決めるまでに庁内（財政課・原課）へどのように説明したか、"
    "参加団体の間で費用の按分をどう決めたかを教えてください。",
)


def _demo_case_study(asker_municipality_id: int) -> material.Material | None:
    """The published case study with the most municipalities, the asker's own not among them, as lent
    by its app (know-how names no case model: it asks portal.material about each live page)."""
    lent = (material.of(page) for page in Page.objects.live().specific())
    cases = [
        m
        for m in lent
        if m is not None
        and m.source == "case_study"
        and asker_municipality_id not in {municipality.pk for municipality in m.municipalities}
    ]
    return max(cases, key=lambda m: (len(m.municipalities), -m.pk), default=None)


def load_case_question(password: str) -> str:
    """One question asked from a case study (「この団体に聞く」), once the case studies are loaded."""
    asker = User.objects.filter(email="tenri.staff@example.jp").first()
    if asker is None:
        return "demo question from a case study: no demo staff yet"
    if Post.objects.filter(author=asker, asked_from_source="case_study").exists():
        return "demo question from a case study: already there"
    case = _demo_case_study(asker.current_membership.municipality_id)
    if case is None:
        return "demo question from a case study: no case study (run load_cases first)"
    title, body = CASE_QUESTION
    areas = SystemArea.objects.filter(name__in=["住民記録", "税務"])
    post = services.question_ask(
        actor=asker,
        source=case.source,
        pk=case.pk,
        title=title,
        body=body,
        tags=["共同調達"],
        system_areas=areas,
    )
    services.answer_create(
        post_id=post.pk,
        actor=User.objects.get(email="kawai.staff@example.jp"),
        body="按分は均等割3割・人口割7割で始め、3年ごとに見直しています。庁内には経費削減の試算を先に示しました。",
    )
    DBTaskResult.objects.filter(
        task_path__in=[*NOTICE_TASKS, notifications.notify_addressed.module_path]
    ).delete()
    return (
        f"demo question from a case study: asked 「{case.title}」's {len(case.municipalities)} municipalities"
    )
