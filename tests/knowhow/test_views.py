"""The know-how pages as a member sees them: lists and filters, writing with bad input, a question with
its accepted answer first, anonymous bylines, obsolete banners, revisions, and 404 outside scope."""

import pytest
from django.urls import reverse

from knowhow import services
from knowhow.models import Answer, Comment, Post
from tests.knowhow.conftest import ask

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def test_the_list_shows_published_posts_and_filters_them(client, log_in, world):
    people = world["people"]
    ask(people["third"], kind="tip", title="RPAの手順書の作り方", tags=["RPA"])
    ask(people["third"], kind="tip", title="下書きのティップス", publish=False)
    log_in(people["answerer"])
    page = text(client.get("/knowhow/"))
    assert "LGWAN接続系でWeb会議を使う方法" in page and "RPAの手順書の作り方" in page
    assert "下書きのティップス" not in page
    by_tag = text(client.get("/knowhow/?tag=RPA"))
    assert "RPAの手順書の作り方" in by_tag and "LGWAN接続系" not in by_tag
    by_kind = text(client.get("/knowhow/?kind=question"))
    assert "LGWAN接続系" in by_kind and "RPAの手順書" not in by_kind
    by_text = text(client.get("/knowhow/?q=手順書"))
    assert "RPAの手順書" in by_text and "LGWAN接続系" not in by_text
    by_area = text(client.get(f"/knowhow/?system_area={world['area'].pk}"))
    assert "LGWAN接続系" in by_area and "RPAの手順書" not in by_area


def test_solved_and_unsolved_filters_list_questions_only(client, log_in, world):
    people = world["people"]
    ask(people["third"], title="まだ解決していない質問")
    services.answer_accept(answer_id=world["answer"].pk, actor=people["asker"])
    log_in(people["answerer"])
    solved = text(client.get("/knowhow/?solved=solved"))
    assert "LGWAN接続系" in solved and "まだ解決していない質問" not in solved and "解決済み" in solved
    unsolved = text(client.get("/knowhow/?solved=unsolved"))
    assert "まだ解決していない質問" in unsolved and "LGWAN接続系" not in unsolved


def test_a_bad_filter_is_dropped_not_the_page(client, log_in, world):
    log_in(world["people"]["answerer"])
    response = client.get("/knowhow/?kind=nonsense&system_area=999999&page=abc")
    assert response.status_code == 200 and "LGWAN接続系" in text(response)


def test_a_question_with_a_tag_is_asked_and_shown(client, log_in, world):
    log_in(world["people"]["third"])
    form = text(client.get("/knowhow/new/"))
    token = form.split('name="client_token" value="', 1)[1].split('"', 1)[0]
    data = {
        "kind": "question",
        "title": "図書館システムの共同調達",
        "body": "関心のある団体はありますか。\nhttps://www.digital.go.jp/ を参考にしています。",
        "tags": "図書館、共同調達",
        "system_areas": [world["area"].pk],
        "client_token": token,
        "action": "publish",
    }
    response = client.post("/knowhow/new/", data)
    post = Post.objects.get(title="図書館システムの共同調達")
    assert response.status_code == 302 and response["Location"] == f"/knowhow/{post.pk}/"
    page = text(client.get(response["Location"]))
    assert "投稿を公開しました" in page and "#図書館" in page and "#共同調達" in page and "未解決" in page
    assert '<a href="https://www.digital.go.jp/" rel="nofollow">' in page
    assert "関心のある団体はありますか。<br>" in page
    # The same form sent again (a double click, a reload) makes no second post.
    again = client.post("/knowhow/new/", data)
    assert again["Location"] == f"/knowhow/{post.pk}/"
    assert Post.objects.filter(title="図書館システムの共同調達").count() == 1


def test_a_draft_is_saved_and_published_later(client, log_in, world):
    log_in(world["people"]["third"])
    client.post(
        "/knowhow/new/", {"kind": "tip", "title": "まとめ途中", "body": "途中です。", "action": "draft"}
    )
    draft = Post.objects.get(title="まとめ途中")
    assert draft.state == "draft"
    assert "まとめ途中" in text(client.get("/knowhow/drafts/"))
    assert "これは下書きです" in text(client.get(f"/knowhow/{draft.pk}/"))
    client.post(f"/knowhow/{draft.pk}/publish/")
    assert Post.objects.get(pk=draft.pk).state == "published"


@pytest.mark.parametrize(
    ("data", "messages"),
    [
        ({"kind": "", "title": "", "body": ""}, ["種類", "タイトル", "本文", "この項目は必須です"]),
        ({"kind": "faq", "title": "題", "body": "本文"}, ["正しく選択してください"]),
        ({"kind": "tip", "title": "長" * 201, "body": "本文"}, ["タイトルは200文字以内で入力してください。"]),
        ({"kind": "tip", "title": "改行\r\nあり", "body": "本文"}, ["改行や制御文字は使えません"]),
        (
            {"kind": "tip", "title": "題", "body": "本文", "tags": " ".join(f"t{n}" for n in range(11))},
            ["10個まで"],
        ),
    ],
)
def test_bad_input_says_what_is_wrong_in_japanese_and_keeps_what_was_typed(
    client, log_in, world, data, messages
):
    log_in(world["people"]["third"])
    typed = {"body": "本文の下書き", "tags": "LGWAN", **data}
    response = client.post("/knowhow/new/", typed)
    page = text(response)
    assert response.status_code == 200
    assert "入力内容にエラーが" in page and "<title>エラー：" in page
    for message in messages:
        assert message in page, message
    if typed["body"]:
        assert typed["body"] in page
    assert 'value="LGWAN"' in page or 'value="' + typed["tags"] in page
    assert not Post.objects.filter(author=world["people"]["third"]).exists()


def test_an_empty_answer_keeps_the_page_and_says_so(client, log_in, world):
    log_in(world["people"]["third"])
    response = client.post(f"/knowhow/{world['question'].pk}/answers/", {"answer-body": "  "})
    assert response.status_code == 200 and "回答" in text(response) and "入力内容にエラーが" in text(response)
    assert Answer.objects.filter(author=world["people"]["third"]).count() == 0


def test_the_accepted_answer_comes_first_and_the_question_is_solved(client, log_in, world):
    people = world["people"]
    later = services.answer_create(post_id=world["question"].pk, actor=people["third"], body="後から来た回答")
    log_in(people["asker"])
    client.post(reverse("knowhow:accept", args=[later.pk]))
    page = text(client.get(f"/knowhow/{world['question'].pk}/"))
    assert "解決済み" in page and "解決した回答" in page
    assert page.index("後から来た回答") < page.index("仮想ブラウザを使っています")


def test_helpful_and_same_problem_counts_are_shown(client, log_in, world):
    people = world["people"]
    services.helpful_mark(actor=people["third"], post_id=world["question"].pk)
    services.same_problem_mark(actor=people["third"], post_id=world["question"].pk)
    log_in(people["answerer"])
    client.post(f"/knowhow/{world['question'].pk}/helpful/")
    client.post(f"/knowhow/{world['question'].pk}/same-problem/")
    page = text(client.get(f"/knowhow/{world['question'].pk}/"))
    assert "役に立った：2" in page and "2 団体" in page
    again = client.post(f"/knowhow/{world['question'].pk}/helpful/", follow=True)
    assert "「役に立った」はすでに付けています。" in text(again)


def test_an_anonymous_question_hides_the_municipality_from_other_staff_only(client, log_in, world):
    people = world["people"]
    post = ask(people["asker"], title="匿名の質問", anonymous=True)
    log_in(people["answerer"])
    page = text(client.get(f"/knowhow/{post.pk}/"))
    assert (
        "匿名（市町村名を伏せる）" in page and "香芝市" not in page and people["asker"].first_name not in page
    )
    listed = text(client.get("/knowhow/?q=匿名の質問"))
    assert "匿名（市町村名を伏せる）" in listed and people["asker"].first_name not in listed
    log_in(people["advisor"])
    page = text(client.get(f"/knowhow/{post.pk}/"))
    assert "香芝市" in page and "ほかの市町村には匿名で表示" in page
    log_in(people["asker"])
    assert "ほかの市町村には匿名で表示" in text(client.get(f"/knowhow/{post.pk}/"))


def test_an_obsolete_post_is_kept_with_its_banner(client, log_in, world):
    log_in(world["people"]["asker"])
    client.post(f"/knowhow/{world['question'].pk}/obsolete/", {"obsolete-note": "通知が廃止されたため"})
    page = text(client.get(f"/knowhow/{world['question'].pk}/"))
    assert "この投稿は廃止されました。" in page and "理由：通知が廃止されたため" in page
    assert "回答を送る" not in page


def test_editing_shows_what_changed_on_the_revisions_page(client, log_in, world):
    question = world["question"]
    log_in(world["people"]["asker"])
    edit_page = text(client.get(f"/knowhow/{question.pk}/edit/"))
    assert 'value="LGWAN"' in edit_page
    client.post(
        f"/knowhow/{question.pk}/edit/",
        {
            "kind": "question",
            "title": "LGWAN接続系でWeb会議に参加する方法",
            "body": "実際の方法を教えてください。\n<script>alert(1)</script>",
            "tags": "LGWAN",
            "version": Post.objects.get(pk=question.pk).version,
        },
    )
    page = text(client.get(f"/knowhow/{question.pk}/revisions/"))
    assert "の変更（山田 花子" in page
    assert '<del><span class="visually-hidden">［削除］</span>を使う<span' in page
    assert '<ins><span class="visually-hidden">［追加］</span>に参加する<span' in page
    assert "追加した行：" in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


def test_an_edit_after_someone_else_changed_the_post_is_refused_and_keeps_the_typing(client, log_in, world):
    question = world["question"]
    stale = Post.objects.get(pk=question.pk).version
    services.answer_accept(answer_id=world["answer"].pk, actor=world["people"]["advisor"])
    log_in(world["people"]["asker"])
    response = client.post(
        f"/knowhow/{question.pk}/edit/",
        {"kind": "question", "title": "新しいタイトル", "body": "新しい本文", "version": stale},
    )
    assert response.status_code == 200 and "あなたが画面を開いた後に更新されました" in text(response)
    assert "新しい本文" in text(response)
    assert Post.objects.get(pk=question.pk).title == "LGWAN接続系でWeb会議を使う方法"


def test_comments_on_a_post_and_an_answer_are_shown(client, log_in, world):
    log_in(world["people"]["third"])
    client.post(f"/knowhow/{world['question'].pk}/comments/", {"comment-body": "同じく困っています。"})
    client.post(
        f"/knowhow/answers/{world['answer'].pk}/comments/",
        {f"answer{world['answer'].pk}-body": "助かります。"},
    )
    assert Comment.objects.count() == 2
    page = text(client.get(f"/knowhow/{world['question'].pk}/"))
    assert "同じく困っています。" in page and "助かります。" in page


def test_another_members_draft_answers_404(client, log_in, world):
    draft = ask(world["people"]["asker"], kind="tip", publish=False)
    log_in(world["people"]["colleague"])
    assert client.get(f"/knowhow/{draft.pk}/").status_code == 404
    assert client.get("/knowhow/999999/").status_code == 404


def test_the_home_page_and_the_header_offer_know_how_to_members(client, log_in, world):
    from tests.factories import home_page

    home_page()
    log_in(world["people"]["answerer"])
    page = text(client.get("/"))
    assert 'href="/knowhow/"' in page and 'href="/knowhow/new/"' in page
    log_in(world["people"]["official"])
    page = text(client.get("/"))
    assert 'href="/knowhow/"' in page and 'href="/knowhow/new/"' not in page


def test_the_pages_read_in_english_when_chosen(client, log_in, world):
    log_in(world["people"]["answerer"])
    client.cookies["django_language"] = "en"
    page = text(client.get(f"/knowhow/{world['question'].pk}/"))
    assert "Helpful: 0" in page and "1 answer" in page and "Unsolved" in page
    assert "未解決" not in page
