"""Masking a consultation's text for a FAQ: municipalities, people, vendors, amounts, phones, e-mail."""

import pytest

from knowhow.masking import Masked, Masker, Place

KASHIBA = Place("香芝市", "Kashiba City")
KAWAI = Place("河合町", "Kawai Town", "北葛城郡")
ASUKA = Place("明日香村", "Asuka Village", "高市郡")
YAMATOKORIYAMA = Place("大和郡山市", "Yamatokoriyama City")


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
    ],
)
def test_every_municipality_becomes_its_kind_without_its_name(text, expected):
    result = masked(text, places=(KASHIBA, KAWAI, ASUKA, YAMATOKORIYAMA))
    assert result.text == expected
    assert result.counts[Masked.MUNICIPALITY] == expected.count("［〇〇")


def test_a_longer_municipality_name_is_not_cut_by_a_shorter_one():
    places = (Place("郡山市"), YAMATOKORIYAMA)
    assert masked("大和郡山市と郡山市", places=places).text == "［〇〇市］と［〇〇市］"


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


def test_a_name_that_is_an_email_address_is_not_a_name_to_mask():
    assert masked("user1@example.jp", people=("user1@example.jp",)).counts[Masked.PERSON] == 0


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
    ],
)
def test_amounts_are_masked(amount):
    result = masked(f"費用は約{amount}でした。")
    assert result.text == "費用は約［金額］でした。"
    assert result.counts[Masked.AMOUNT] == 1


@pytest.mark.parametrize("text", ["20業務", "3割ほど", "令和9年度末", "2026年4月1日", "99.5%以上"])
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
    ],
)
def test_phone_numbers_are_masked(phone):
    result = masked(f"連絡先は{phone}です。")
    assert result.text == "連絡先は［電話番号］です。"
    assert result.counts[Masked.PHONE] == 1


@pytest.mark.parametrize("text", ["2026-04-01", "受付番号C-2026-00012", "123456789012"])
def test_dates_references_and_long_numbers_are_not_phone_numbers(text):
    assert masked(text).counts[Masked.PHONE] == 0


@pytest.mark.parametrize(
    "address",
    [
        "joho@city.kashiba.lg.jp",
        "hanako.kashiba+faq@example.jp",
        "ｊｏｈｏ＠ｃｉｔｙ．ｋａｓｈｉｂａ．ｌｇ．ｊｐ",
    ],
)
def test_email_addresses_are_masked_before_the_names_in_them(address):
    result = masked(f"{address} まで", places=(KASHIBA,), people=("香芝 花子", "香芝", "花子"))
    assert result.text == "［メールアドレス］ まで"
    assert dict(result.counts) == {Masked.EMAIL: 1}


def test_a_vendor_named_after_a_municipality_is_masked_once_as_a_vendor():
    result = masked("香芝市情報サービス株式会社", places=(KASHIBA,), vendors=("香芝市情報サービス",))
    assert result.text == "［事業者名］"
    assert dict(result.counts) == {Masked.VENDOR: 1}


def test_counts_say_how_many_of_each_were_masked():
    result = masked(
        "香芝市の香芝です。奈良システムの見積は1,200万円、電話は0745-76-2001、河合町は800万円でした。",
        places=(KASHIBA, KAWAI),
        people=("香芝 花子", "香芝", "花子"),
        vendors=("奈良システム株式会社",),
    )
    assert result.text == (
        "［〇〇市］の［氏名］です。［事業者名］の見積は［金額］、電話は［電話番号］、［〇〇町］は［金額］でした。"
    )
    assert dict(result.counts) == {
        Masked.MUNICIPALITY: 2,
        Masked.PERSON: 1,
        Masked.VENDOR: 1,
        Masked.AMOUNT: 2,
        Masked.PHONE: 1,
    }


def test_text_with_nothing_to_mask_is_unchanged():
    text = "標準化対応の進捗管理は、20業務を1枚の工程表にまとめると楽です。"
    result = masked(text, places=(KASHIBA,), people=("香芝 花子",), vendors=("奈良システム",))
    assert result.text == text
    assert not result.counts
