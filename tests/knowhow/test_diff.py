"""The revisions page's differences: Japanese compared by character within a line, whole lines added
and deleted, a rewritten line shown as deleted and added."""

from knowhow.diff import DELETED, INSERTED, SAME, Segment, inline, lines


def test_a_changed_line_shows_the_characters_that_changed():
    assert inline("Web会議を使う方法", "Web会議に参加する方法") == (
        Segment(SAME, "Web会議"),
        Segment(DELETED, "を使う"),
        Segment(INSERTED, "に参加する"),
        Segment(SAME, "方法"),
    )


def test_added_and_deleted_lines_are_marked_as_such():
    result = lines("一行目\n二行目\n三行目", "一行目\n三行目\n四行目")
    assert [(line.kind, line.segments[0].text) for line in result] == [
        (SAME, "一行目"),
        (DELETED, "二行目"),
        (SAME, "三行目"),
        (INSERTED, "四行目"),
    ]


def test_a_line_rewritten_more_than_kept_is_deleted_and_added():
    result = lines("仮想ブラウザを使っています。", "LGWAN-ASPの会議サービスにしました。")
    assert [line.kind for line in result] == [DELETED, INSERTED]


def test_a_line_edited_a_little_is_one_changed_line():
    result = lines("費用は年額です。", "費用は月額です。")
    assert [line.kind for line in result] == ["changed"]
