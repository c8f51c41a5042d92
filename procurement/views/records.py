"""A group's records: the vendor Q&A (/questions/), the documents with their versions (/documents/)
and the decision log (/decisions/). Thin: parse → service or scoped read → render or redirect. Rows are
looked up through the workspace the user may open at that depth, so anything else answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal import access, spreadsheets
from portal.uploads import storage
from procurement import files_records, policy_records, services_records
from procurement import forms_records as forms
from procurement.models import DocumentKind, DocumentVersion
from procurement.views.common import workspace_context, workspace_for


def _carry_out(request, form, service, **arguments):
    """The service's result, or None with its refusal said on the form, next to the field it names."""
    try:
        return service(actor=request.user, **arguments)
    except ValidationError as error:
        form.add_error(None, error)
        return None


# --- Vendor Q&A -------------------------------------------------------------------------------------


def _questions_page(request, workspace, publish_form=None, status=200):
    filters = forms.QuestionFilterForm(request.GET)
    chosen_round = filters.cleaned_data["round"] if filters.is_valid() else ""
    rows = policy_records.questions_for(request.user, workspace).select_related("answered_by")
    if chosen_round:
        rows = rows.filter(round=chosen_round)
    rows = list(rows)
    drafts = [row for row in rows if not row.is_published]
    may_manage = access.can(request.user, "procurement.question.manage", workspace)
    if may_manage and publish_form is None:
        publish_form = forms.PublishForm(drafts=drafts)
    # What the user ticked stays ticked when the page comes back with an error.
    chosen = (
        {int(pk) for pk in publish_form.data.getlist("questions") if pk.isdigit()} if publish_form else set()
    )
    context = workspace_context(
        request,
        workspace,
        "questions",
        filters=filters,
        chosen_round=chosen_round,
        published=[row for row in rows if row.is_published],
        drafts=drafts,
        may_manage=may_manage,
        publish_form=publish_form,
        chosen=chosen,
    )
    return render(request, "procurement/records/questions.html", context, status=status)


@login_required
@require_GET
def questions(request, slug):
    workspace = workspace_for(request, slug, "procurement.question.list")
    return _questions_page(request, workspace)


@login_required
@require_GET
def questions_export(request, slug):
    """The published Q&A as the list sent to the vendors (Excel-safe CSV), filtered by round if asked."""
    workspace = workspace_for(request, slug, "procurement.question.list")
    filters = forms.QuestionFilterForm(request.GET)
    rows = workspace.vendor_questions.filter(published_at__isnull=False)
    if filters.is_valid() and filters.cleaned_data["round"]:
        rows = rows.filter(round=filters.cleaned_data["round"])
    header = [_("番号"), _("区分"), _("質問した事業者"), _("質問"), _("回答"), _("公開日")]
    return spreadsheets.csv_response(
        f"{workspace.name}_質問回答.csv",
        header,
        (
            [
                row.number,
                row.get_round_display(),
                row.vendor,
                row.question,
                row.answer,
                timezone.localdate(row.published_at),
            ]
            for row in rows
        ),
    )


def _question_form_page(request, workspace, form, question=None):
    context = workspace_context(request, workspace, "questions", form=form, question=question)
    return render(request, "procurement/records/question_form.html", context)


def _question_saved(request, workspace, row):
    messages.success(request, _("No.%(number)d の質問回答を保存しました。") % {"number": row.number})
    return redirect("procurement:records_questions", workspace.slug)


@login_required
@require_http_methods(["GET", "POST"])
def question_new(request, slug):
    workspace = workspace_for(request, slug, "procurement.question.manage")
    form = forms.QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        row = _carry_out(
            request, form, services_records.question_create, workspace_id=workspace.pk, **form.cleaned_data
        )
        if row is not None:
            return _question_saved(request, workspace, row)
    return _question_form_page(request, workspace, form)


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request, slug, number):
    workspace = workspace_for(request, slug, "procurement.question.manage")
    # A published Q&A went out as it is: only drafts are edited.
    question = get_object_or_404(workspace.vendor_questions, number=number, published_at__isnull=True)
    initial = {key: getattr(question, key) for key in ("round", "vendor", "question", "answer")}
    form = forms.QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        row = _carry_out(
            request, form, services_records.question_update, question_id=question.pk, **form.cleaned_data
        )
        if row is not None:
            return _question_saved(request, workspace, row)
    return _question_form_page(request, workspace, form, question)


@login_required
@require_POST
def questions_publish(request, slug):
    workspace = workspace_for(request, slug, "procurement.question.manage")
    form = forms.PublishForm(request.POST, drafts=workspace.vendor_questions.all())
    if form.is_valid():
        published = _carry_out(
            request,
            form,
            services_records.questions_publish,
            workspace_id=workspace.pk,
            question_ids=form.cleaned_data["questions"],
        )
        if published is not None:
            if published:
                count = {"count": len(published)}
                messages.success(
                    request, _("質問回答 %(count)d 件を公開しました。参加団体の職員に通知します。") % count
                )
            else:
                messages.info(request, _("選んだ質問回答はすでに公開されています。"))
            return redirect("procurement:records_questions", workspace.slug)
    return _questions_page(request, workspace, publish_form=form)


# --- Documents --------------------------------------------------------------------------------------


@login_required
@require_GET
def documents(request, slug):
    workspace = workspace_for(request, slug, "procurement.document.view")
    rows = workspace.documents.prefetch_related("versions__uploaded_by")
    # In the order of the procurement's path (RFI, RFP, 仕様書, 議事録, 協定書), then by title.
    order = {kind: index for index, kind in enumerate(DocumentKind.values)}
    rows = sorted(rows, key=lambda document: (order[document.kind], document.title))
    context = workspace_context(request, workspace, "documents", documents=rows)
    return render(request, "procurement/records/documents.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def document_new(request, slug):
    workspace = workspace_for(request, slug, "procurement.document.upload")
    form = forms.DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        document = _carry_out(
            request,
            form,
            services_records.document_create,
            workspace_id=workspace.pk,
            kind=data["kind"],
            title=data["title"],
            upload=data["file"],
            note=data["note"],
        )
        if document is not None:
            messages.success(request, _("資料「%(title)s」を登録しました。") % {"title": document.title})
            return redirect("procurement:records_document", workspace.slug, document.pk)
    context = workspace_context(request, workspace, "documents", form=form)
    return render(request, "procurement/records/document_new.html", context)


def _document_page(request, workspace, document, form=None):
    if form is None and access.can(request.user, "procurement.document.upload", workspace):
        form = forms.VersionForm()
    versions = document.versions.select_related("uploaded_by")
    context = workspace_context(
        request, workspace, "documents", document=document, versions=versions, form=form
    )
    return render(request, "procurement/records/document.html", context)


@login_required
@require_GET
def document(request, slug, pk):
    workspace = workspace_for(request, slug, "procurement.document.view")
    return _document_page(request, workspace, get_object_or_404(workspace.documents, pk=pk))


@login_required
@require_POST
def version_add(request, slug, pk):
    workspace = workspace_for(request, slug, "procurement.document.upload")
    document = get_object_or_404(workspace.documents, pk=pk)
    form = forms.VersionForm(request.POST, request.FILES)
    if form.is_valid():
        version = _carry_out(
            request,
            form,
            services_records.document_version_add,
            document_id=document.pk,
            upload=form.cleaned_data["file"],
            note=form.cleaned_data["note"],
        )
        if version is not None:
            messages.success(request, _("第%(number)d版を登録しました。") % {"number": version.number})
            return redirect("procurement:records_document", workspace.slug, document.pk)
    return _document_page(request, workspace, document, form)


@login_required
@require_GET
@never_cache
def version_download(request, slug, pk, number):
    workspace = workspace_for(request, slug, "procurement.document.view")
    version = get_object_or_404(
        DocumentVersion.objects.filter(document__workspace=workspace, document_id=pk),
        number=number,
    )
    return storage.download(
        files_records.private_storage(),
        stored_name=version.stored_name,
        name=version.name,
        content_type=version.content_type,
    )


# --- The decision log -------------------------------------------------------------------------------


@login_required
@require_GET
def decisions(request, slug):
    workspace = workspace_for(request, slug, "procurement.agreement.view")
    rows = workspace.agreements.select_related("supersedes", "superseded_by", "recorded_by").prefetch_related(
        "agreed_by__municipality"
    )
    context = workspace_context(request, workspace, "decisions", agreements=rows)
    return render(request, "procurement/records/decisions.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def decision_new(request, slug):
    workspace = workspace_for(request, slug, "procurement.agreement.record")
    initial = {}
    corrected = request.GET.get("supersedes", "")
    if corrected.isdigit() and (old := workspace.agreements.filter(pk=corrected).first()) is not None:
        # A correction starts from what it corrects.
        initial = {
            "supersedes": old,
            "text": old.text,
            "meeting": old.meeting,
            "agreed_by": old.agreed_by.all(),
        }
    form = forms.AgreementForm(request.POST or None, workspace=workspace, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        agreement = _carry_out(
            request,
            form,
            services_records.agreement_record,
            workspace_id=workspace.pk,
            text=data["text"],
            decided_on=data["decided_on"],
            meeting=data["meeting"],
            agreed_by=[member.pk for member in data["agreed_by"]],
            supersedes_id=data["supersedes"].pk if data["supersedes"] else None,
        )
        if agreement is not None:
            messages.success(
                request, _("合意事項 No.%(number)d を記録しました。") % {"number": agreement.number}
            )
            return redirect("procurement:records_decisions", workspace.slug)
    context = workspace_context(request, workspace, "decisions", form=form)
    return render(request, "procurement/records/decision_form.html", context)
