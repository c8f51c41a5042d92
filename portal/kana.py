"""五十音順: the order of a Japanese dictionary, which plain code-point order gets wrong.

Code points put が before か's successors only by accident of encoding: かしはら (橿原) sorts before
かしばし (香芝) by code point, but a dictionary compares the unvoiced forms first (かしはし < かしはら)
and uses voicing and small kana only to break ties.
"""

import unicodedata

SMALL_TO_FULL = str.maketrans("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ")
VOICING_MARKS = {"\u3099", "\u309a"}


def _hiragana(text: str) -> str:
    return "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in text)


def gojuon_key(reading: str) -> str:
    """A sort key: the reading with voicing and small kana folded, then the reading itself."""
    hiragana = _hiragana(reading)
    plain = "".join(ch for ch in unicodedata.normalize("NFD", hiragana) if ch not in VOICING_MARKS)
    # A space sorts before every kana, so the folded form decides first and the reading breaks ties.
    return f"{plain.translate(SMALL_TO_FULL)} {hiragana}"
