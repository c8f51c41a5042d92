"""What one app offers on another app's pages, as the apps register it (in their AppConfig.ready()).

The desk's consultation page shows 「FAQとして公開」 and a case study shows 「この団体に聞く」, but neither
app knows the know-how exchange: each page asks `offers_for(user, obj)` (or `{% offers_for obj %}`) and
shows what the registered offers make of its object. An offer names the model it is for
("app_label.model_name"), the page it leads to, and who sees it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from portal.navigation import Entry
from portal.registry import Registry


@dataclass(frozen=True)
class Offer:
    name: str
    label: str
    model: str
    url: Callable[[object], str]
    visible: Callable[[object, object], bool]
    order: int = 500


_offers: Registry[Offer] = Registry("offers")


def register(*offers: Offer) -> None:
    """Adds offers; refuses a name already registered."""
    _offers.register(*offers)


def offers_for(user, obj) -> list[Entry]:
    """The links other apps offer this user on this object, smaller `order` first."""
    label = obj._meta.label_lower
    matching = sorted((o for o in _offers if o.model == label), key=lambda o: o.order)
    return [Entry(o.label, o.url(obj)) for o in matching if o.visible(user, obj)]
