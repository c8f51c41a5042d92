"""The procurement URL tables, one module per concern of the app, read by test_procurement_url_access.

A module defines:
- `targets(world) -> dict`: the objects its URLs name, built on the persona world (read-only use of the
  world's workspace, or objects of its own); the values fill the URLs' `{name}` slots;
- `GET_URLS`: [(url, expected)] and `POST_URLS`: [(url, expected, data)], `expected` from `expect()`;
  the data's keys and string values fill their `{name}` slots from `targets` too (a form's choice of
  an object, a field named after one).

A URL is read against each persona's own workspace: `{ws}` is the forming group's slug for everyone but
`recruitable`, for whom it is the recruiting group's (see tests.procurement.conftest).
"""

from tests.procurement.conftest import PERSONAS


def expect(ok: int, *personas: str, **statuses: int) -> dict[str, int]:
    """`ok` for the personas named, an explicit status for those given by keyword; everyone else is
    sent to log in (anonymous, 302) or finds nothing (404)."""
    expected = {persona: 404 for persona in PERSONAS}
    expected["anonymous"] = 302
    expected.update({persona: ok for persona in personas})
    expected.update(statuses)
    return expected
