"""Similar existing items for a question or a consultation being written (search/static/search/similar.js).

A fragment for the script (``fragment=1``) and a page of its own for readers without JavaScript.
Whoever may write the thing (``post.create`` / ``consultation.file``) may ask; what they get is limited by
the visibility filter and the view rule of each hit, like every search.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from portal import access
from search import related

PURPOSES = {"post": "post.create", "consultation": "consultation.file"}


@login_required
@require_GET
def similar(request):
    purpose = request.GET.get("for", "post")
    if purpose not in PURPOSES:
        raise Http404
    access.require_or_404(request.user, PURPOSES[purpose])
    text = request.GET.get("text", "")
    items, unavailable = [], False
    try:
        items = related.similar(request.user, text, consultations=purpose == "consultation")
    except related.EngineUnavailable:
        unavailable = True
    context = {
        "items": items,
        "unavailable": unavailable,
        "searched": bool(text.strip()),
        "text": text,
        "purpose": purpose,
    }
    template = "search/_similar_results.html" if request.GET.get("fragment") else "search/similar.html"
    return render(
        request, template, context, status=503 if unavailable and not request.GET.get("fragment") else 200
    )
