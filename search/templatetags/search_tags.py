"""Search blocks that other apps' templates include: ``{% load search_tags %}``.

- ``{% related_items obj %}``: up to five related knowledge documents; absent when there are none or the
  engine does not answer (the page renders as it would without search). Give several objects (``{%
  related_items post.faq post %}``) when the document may be registered for either: the first object whose
  model is a searchable kind is used.
- ``{% similar_questions "post" %}`` / ``{% similar_questions "consultation" %}``: the live region a
  composing form fills with similar existing items as the user types (search/static/search/similar.js).
"""

from django import template
from django.urls import reverse
from wagtail.models import Page

from search import registry, related

register = template.Library()


def _searchable(obj) -> bool:
    if obj is None or obj == "":
        return False
    model = type(obj.specific) if isinstance(obj, Page) else type(obj)
    return registry.for_model(model) is not None


@register.inclusion_tag("search/_related_items.html", takes_context=True)
def related_items(context, *objects):
    request = context.get("request")
    obj = next((o for o in objects if _searchable(o)), None)
    if request is None or obj is None:
        return {"items": []}
    try:
        items = related.related(request.user, obj)
    except related.EngineUnavailable:
        items = []
    return {"items": items}


@register.inclusion_tag("search/_similar_questions.html", takes_context=True)
def similar_questions(context, purpose: str, fields: str = "id_title id_body"):
    return {
        "purpose": purpose,
        "fields": fields,
        "url": reverse("search:similar"),
        "CSP_NONCE": context.get("CSP_NONCE", ""),
    }
