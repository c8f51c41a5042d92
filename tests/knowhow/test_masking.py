"""Masking a consultation's text for a FAQ: municipalities, people, vendors, amounts, phones, e-mail."""

import csv
from pathlib import Path

import pytest

from knowhow.masking import Masked, Masker, Place

# The prefecture's 39 municipalities as load_reference_data stores them: knowhow.faq masks every one.
REFERENCE_DATA = Path(__file__).resolve().parents[2] / "portal" / "data" / "nara_municipalities.csv"
with REFERENCE_DATA.open(encoding="utf-8") as handle:
    NARA = tuple(Place(row["name"], row["name_en"], row["district"]) for row in csv.DictReader(handle))


def masked(text, **what):
    return Masker(**what).mask(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("香芝市では来年度に更新します。", "［〇〇市］では来年度に更新します。"),
        ("北葛城郡河合町の例", "［〇〇町］の例"),
        ("河合町と明日香村", "［〇〇町］と［〇〇村］"),
        ("Kashiba City and kawai town", "［〇〇市］ and ［〇〇町］"),
        ("大和郡山市役所", "［〇〇市］役所"),
        ("奈良県香芝市", "奈良県［〇〇市］"),
        ("香芝市長と河合町民", "［〇〇市］長と［〇〇町］民"),
    ],
)
def test_every_municipality_becomes_its_kind_without_its_name(text, expected):
    result = masked(text, places=NARA)
    assert result.text == expected
    assert result.counts[Masked.MUNICIPALITY] == expected.count("［〇〇")


def test_a_longer_municipality_name_is_not_cut_by_a_shorter_one():
    places = (Place("郡山市"), *NARA)
    assert masked("大和郡山市と郡山市", places=places).text == "［〇〇市］と［〇〇市］"


def test_a_municipality_name_that_continues_into_another_word_stays():
    # 奈良市場 is a market (市場), not 奈良市.
    assert masked("奈良市場の近く", places=NARA).text == "奈良市場の近く"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("香芝では来年度に", "［〇〇市］では来年度に"),
        ("河合の方に聞くと", "［〇〇町］の方に聞くと"),
        ("明日香から相談", "［〇〇村］から相談"),
        ("王寺さんの例", "［〇〇町］さんの例"),
        ("大和郡山へ", "［〇〇市］へ"),
        ("香芝・河合で", "［〇〇市］・［〇〇町］で"),
        ("先行したのは東吉野", "先行したのは［〇〇村］"),
        ("県側と十津川側", "県側と［〇〇村］側"),
    ],
)
def test_a_municipality_named_without_its_suffix_before_a_particle_is_masked(text, expected):
    assert masked(text, places=NARA).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "奈良の市町村",  # the prefecture
        "奈良県では",
        "安堵の声",  # 安堵町, but here the word 安堵 (relief)
        "川上から下流まで",  # 川上村, but here upstream
        "吉野杉と生駒山",
        "京都御所の庭",
    ],
)
def test_a_short_form_that_is_a_word_or_the_prefecture_stays(text):
    assert masked(text, places=NARA).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("香芝 花子です", "［氏名］です"),
        ("香芝花子です", "［氏名］です"),
        ("香芝　花子です", "［氏名］です"),
        ("香芝さんに確認します", "［氏名］さんに確認します"),
        ("花子さんより", "［氏名］さんより"),
        ("奈良補佐官から", "［氏名］補佐官から"),
        ("林さんと林業", "［氏名］さんと林業"),
    ],
)
def test_people_on_the_thread_are_masked_by_full_family_or_given_name(text, expected):
    people = ("香芝 花子", "香芝", "花子", "奈良 一郎", "奈良", "一郎", "林 誠", "林", "誠")
    assert masked(text, people=people).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("大地震に備える", "大地震に備える"),
        ("未来の姿", "未来の姿"),
        ("山田課長の資料", "［氏名］課長の資料"),
        ("大地さんの資料", "［氏名］さんの資料"),
        ("山田大地です", "［氏名］です"),
    ],
)
def test_half_a_name_is_masked_only_beside_an_honorific_or_the_other_half(text, expected):
    people = ("山田 大地", "山田", "大地", "佐藤 未来", "佐藤", "未来")
    assert masked(text, people=people).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("前任の佐藤課長から", "前任の［氏名］課長から"),
        ("業者の鈴木さんに", "業者の［氏名］さんに"),
        ("佐々木様、長谷川氏と", "［氏名］様、［氏名］氏と"),
        ("田中係長・山本主査・中村主任", "［氏名］係長・［氏名］主査・［氏名］主任"),
        ("小林部長と加藤室長", "［氏名］部長と［氏名］室長"),
        ("吉田課長補佐が", "［氏名］課長補佐が"),
        ("山田太郎さんと", "［氏名］さんと"),
    ],
)
def test_a_surname_with_an_honorific_or_title_is_masked_though_not_on_the_thread(text, expected):
    result = masked(text)
    assert result.text == expected
    assert result.counts[Masked.PERSON] == expected.count("［氏名］")


@pytest.mark.parametrize(
    "text",
    [
        "総務課長と情報政策課長",
        "財政課長・企画部長・市民課長",
        "課長補佐",
        "担当者様",
        "皆様とお客様",
        "業者さんと職員さん",
        "申請様式と要求仕様書",
        "前回同様",
        "申請者氏名",
        "他市さんと市町村さん",
        "IT推進課長",
        "現場主任と出張所長、消防局長、こども未来課長、文化財課長、下水道課長",
        "総合政策部長",
    ],
)
def test_a_role_or_word_before_an_honorific_is_not_a_name(text):
    assert masked(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        "奈良システム株式会社",
        "株式会社奈良システム",
        "（株）奈良システム",
        "(株)奈良システム",
        "㈱奈良システム",
        "奈良システム㈱",
        "奈良ｼｽﾃﾑ株式会社",
        "奈良システム",
    ],
)
def test_a_vendor_is_masked_with_or_without_its_legal_form_in_any_width(text):
    result = masked(f"見積は{text}から。", vendors=("株式会社奈良システム",))
    assert result.text == "見積は［事業者名］から。"
    assert result.counts[Masked.VENDOR] == 1


def test_latin_vendor_names_match_in_any_case_and_width():
    vendors = ("ＡＢＣソリューションズ", "NEC")
    assert masked("abcソリューションズとＮＥＣ", vendors=vendors).text == "［事業者名］と［事業者名］"


def test_a_latin_vendor_name_is_not_masked_inside_a_word():
    assert masked("Connection to NEC, 2NEC", vendors=("NEC",)).text == "Connection to ［事業者名］, 2NEC"


def test_a_vendor_name_of_one_character_is_not_masked_on_its_own():
    assert masked("A社とB社", vendors=("A",)).text == "A社とB社"


@pytest.mark.parametrize(
    "amount",
    [
        "1,200万円",
        "3億円",
        "3億2,000万円",
        "¥500,000",
        "￥500,000",
        "500,000円",
        "１，２００万円",
        "1.5億円",
        "1,200万円（税込）",
        "税抜 800万円",
        "1,100,000円(税込み)",
        "12000円",
        "1,200万",
        "3億",
        "３億",
        "12百万円",
        "２千万円",
        "二千万円",
        "三億円",
        "五百万円",
        "数千万円",
        "2万5千円",
        "1億2,000万",
    ],
)
def test_amounts_are_masked(amount):
    result = masked(f"費用は約{amount}でした。")
    assert result.text == "費用は約［金額］でした。"
    assert result.counts[Masked.AMOUNT] == 1


@pytest.mark.parametrize(
    "text",
    [
        "20業務",
        "3割ほど",
        "令和9年度末",
        "2026年4月1日",
        "99.5%以上",
        "3万件",
        "人口10万人",
        "2万台",
        "5万回",
        "3万世帯",
        "1万部",
        "2千枚",
        "1万時間",
        "5千で",
        "一億総活躍",
        "県内一円で",
        "万一の場合",
        "十津川と八千代",
    ],
)
def test_numbers_that_are_not_amounts_stay(text):
    assert masked(text).text == text


@pytest.mark.parametrize(
    "phone",
    [
        "0742-22-1101",
        "090-1234-5678",
        "(0745)76-2001",
        "（0745）76-2001",
        "０７４２－２２－１１０１",
        "0742221101",
        "09012345678",
        "+81-742-22-1101",
        "0742 22 1101",
        "090 1234 5678",
        "+81 742 22 1101",
        "+81 90 1234 5678",
        "+81(0)742-22-1101",
        "0742(22)1101",
        "0742（22）1101",
        "0120-123-456",
    ],
)
def test_phone_numbers_are_masked(phone):
    result = masked(f"連絡先は{phone}です。")
    assert result.text == "連絡先は［電話番号］です。"
    assert result.counts[Masked.PHONE] == 1


@pytest.mark.parametrize(
    "text",
    ["2026-04-01", "2026-01-04", "受付番号C-2026-00012", "123456789012", "01 04 2026", "〒639-0292"],
)
def test_dates_references_and_long_numbers_are_not_phone_numbers(text):
    assert masked(text).counts[Masked.PHONE] == 0


@pytest.mark.parametrize(
    "postal", ["〒639-0292", "〒 639-0292", "639-0292", "〒６３９－０２９２", "〒6390292"]
)
def test_postal_codes_are_masked_as_their_own_kind(postal):
    result = masked(f"送付先は{postal}の")
    assert result.text == "送付先は［郵便番号］の"
    assert dict(result.counts) == {Masked.POSTAL: 1}


def test_an_address_after_a_municipality_keeps_its_street():
    # The street alone no longer says which municipality; the advisor checks what is left.
    result = masked("〒639-0292 奈良県香芝市本町1397番地", places=NARA)
    assert result.text == "［郵便番号］ 奈良県［〇〇市］本町1397番地"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("詳しくは https://www.city.kashiba.lg.jp/soshiki/1/ を参照", "詳しくは ［URL］ を参照"),
        ("（https://www.town.kawai.nara.jp/）", "（［URL］）"),
        ("www.city.kashiba.lg.jpで公開", "［URL］で公開"),
        ("city.kashiba.lg.jp/kurashi/の案内", "［URL］の案内"),
        ("https://www.city.kashiba.lg.jp/a.html。", "［URL］。"),
    ],
)
def test_urls_and_municipal_hosts_are_masked(text, expected):
    result = masked(text, places=NARA)
    assert result.text == expected
    assert dict(result.counts) == {Masked.URL: 1}


def test_a_national_government_url_stays_it_names_no_municipality():
    text = "手順は https://www.digital.go.jp/policies/local_governments のとおり"
    assert masked(text).text == text


@pytest.mark.parametrize(
    "address",
    [
        "joho@city.kashiba.lg.jp",
        "hanako.kashiba+faq@example.jp",
        "ｊｏｈｏ＠ｃｉｔｙ．ｋａｓｈｉｂａ．ｌｇ．ｊｐ",
    ],
)
def test_email_addresses_are_masked_before_the_names_in_them(address):
    result = masked(f"{address} まで", places=NARA, people=("香芝 花子", "香芝", "花子"))
    assert result.text == "［メールアドレス］ まで"
    assert dict(result.counts) == {Masked.EMAIL: 1}


def test_a_vendor_named_after_a_municipality_is_masked_once_as_a_vendor():
    result = masked("香芝市情報サービス株式会社", places=NARA, vendors=("香芝市情報サービス",))
    assert result.text == "［事業者名］"
    assert dict(result.counts) == {Masked.VENDOR: 1}


def test_counts_say_how_many_of_each_were_masked():
    result = masked(
        "香芝市の香芝 花子です。奈良システムの見積は1,200万円、電話は0745-76-2001、河合町は800万円でした。"
        "〒639-0292、https://www.city.kashiba.lg.jp/ 鈴木さん",
        places=NARA,
        people=("香芝 花子", "香芝", "花子"),
        vendors=("奈良システム株式会社",),
    )
    assert result.text == (
        "［〇〇市］の［氏名］です。［事業者名］の見積は［金額］、電話は［電話番号］、［〇〇町］は［金額］でした。"
        "［郵便番号］、［URL］ ［氏名］さん"
    )
    assert dict(result.counts) == {
        Masked.MUNICIPALITY: 2,
        Masked.PERSON: 2,
        Masked.VENDOR: 1,
        Masked.AMOUNT: 2,
        Masked.PHONE: 1,
        Masked.POSTAL: 1,
        Masked.URL: 1,
    }


def test_text_with_nothing_to_mask_is_unchanged():
    text = "標準化対応の進捗管理は、20業務を1枚の工程表にまとめると楽です。"
    result = masked(text, places=NARA, people=("香芝 花子",), vendors=("奈良システム",))
    assert result.text == text
    assert not result.counts
