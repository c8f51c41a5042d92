"""Vendor evaluation: the rounds, set-up, evaluators' sheets and score forms, the close, the results
and the decision (rounds from tests.procurement.evaluation_world). The sheet rows are the point of the
table: an evaluator's sheet answers 404 to everyone but that evaluator — the other member's evaluator,
the secretariat and the officials alike, before the close and after it."""

from tests.procurement.evaluation_world import build_evaluation_world
from tests.security.procurement_urls import expect

FOLLOWERS = ["founder", "member", "secretariat", "consultant", "advisor", "official"]
INSIDE = ["founder", "member", "secretariat", "consultant"]
RUNNERS = ["founder", "secretariat"]
EVALUATORS = ["founder", "member"]


def targets(world):
    made = build_evaluation_world(world)
    people = world["people"]
    fresh = made["fresh_round"]
    return {
        "open": made["open_round"].pk,
        "fresh": fresh.pk,
        "closed": made["closed_round"].pk,
        "criterion": fresh.criteria.get(name="移行支援").pk,
        "vendor": made["open_round"].vendors.order_by("name")[0].pk,
        "fresh_vendor": fresh.vendors.order_by("name")[0].pk,
        "closed_vendor": made["closed_round"].vendors.order_by("name")[0].pk,
        "usability": made["open_round"].criteria.get(name="操作性").pk,
        "migration": made["open_round"].criteria.get(name="移行支援").pk,
        "founder": people["founder"].pk,
        "member": people["member"].pk,
    }


E = "/procurement/{ws}/evaluation/"

GET_URLS = [
    (E, expect(200, *FOLLOWERS)),
    (E + "new/", expect(200, *RUNNERS)),
    (E + "{open}/", expect(200, *FOLLOWERS)),
    (E + "{closed}/", expect(200, *FOLLOWERS)),
    (E + "{open}/setup/", expect(200, *RUNNERS)),
    (E + "{closed}/setup/", expect(200)),
    (E + "{open}/vendors/{vendor}/score/", expect(200, *EVALUATORS)),
    # After the close an evaluator's score form tells them so and goes back to the round.
    (E + "{closed}/vendors/{closed_vendor}/score/", expect(302, *EVALUATORS)),
    # Before the close: one's own sheet only — the member cannot open the founder's, nor anyone else.
    (E + "{open}/sheets/{founder}/", expect(200, "founder")),
    (E + "{open}/sheets/{member}/", expect(200, "member")),
    # Nor after the close: the group reads the aggregated results, never one evaluator's sheet.
    (E + "{closed}/sheets/{founder}/", expect(200, "founder")),
    (E + "{open}/results/", expect(200)),
    (E + "{closed}/results/", expect(200, *INSIDE)),
    (E + "{open}/decision/", expect(200)),
    (E + "{closed}/decision/", expect(200, *RUNNERS)),
]

ROUND = {"title": "提案評価", "stage": "proposal", "technical_points": "70", "price_points": "30"}
# The open round's first vendor, both criteria: keys and values are filled from targets() like the URLs.
POINTS = {
    "points_{usability}": "15",
    "comment_{usability}": "",
    "points_{migration}": "8",
    "comment_{migration}": "",
}

POST_URLS = [
    # A second submit of the same title finds the round the first one made.
    (E + "new/", expect(302, *RUNNERS), ROUND),
    (E + "{fresh}/setup/", expect(302, *RUNNERS), {**ROUND, "title": "デモ評価（改）"}),
    # Saving a criterion of a name already there sets its points: the second runner's post is harmless.
    (E + "{fresh}/criteria/", expect(302, *RUNNERS), {"name": "移行支援", "max_points": "15"}),
    # The founder deletes it; for the secretariat, after them, it is gone.
    (E + "{fresh}/criteria/{criterion}/delete/", expect(302, "founder"), {}),
    (E + "{fresh}/vendors/", expect(302, *RUNNERS), {"name": "株式会社いかるが電算"}),
    (E + "{fresh}/bids/", expect(302, *RUNNERS), {"vendor": "{fresh_vendor}", "price": "390000000"}),
    # Each evaluator saves their own points for the vendor; nobody else has a form to post to.
    (E + "{open}/vendors/{vendor}/score/", expect(302, *EVALUATORS), POINTS),
    (E + "{closed}/vendors/{closed_vendor}/score/", expect(302, *EVALUATORS), POINTS),
    # Closing twice is harmless: the secretariat, after the founder, is told it is closed already.
    (E + "{open}/close/", expect(302, *RUNNERS), {}),
    (E + "{closed}/close/", expect(302, *RUNNERS), {}),
    (
        E + "{closed}/decision/",
        expect(302, *RUNNERS),
        {"vendor": "{closed_vendor}", "reasons": "総合点が最も高い。"},
    ),
]
