from django import forms, template

register = template.Library()

# Radio buttons and check boxes render one input per choice; a link to the group goes to the first one.
CHOICE_GROUP_WIDGETS = ("radioselect", "checkboxselectmultiple")


@register.simple_tag
def field_widget(bound_field):
    """The widget with its support and error text tied by aria-describedby, and never a placeholder."""
    field_id = bound_field.id_for_label
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{field_id}-support")
    if bound_field.errors:
        described_by.append(f"{field_id}-error")
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    # DADS: hints go in visible support text, never in a placeholder that vanishes on input.
    bound_field.field.widget.attrs.pop("placeholder", None)
    return bound_field.as_widget(attrs=attrs)


def _error_target(bound_field) -> str:
    if bound_field.widget_type in CHOICE_GROUP_WIDGETS:
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label


@register.inclusion_tag("components/error_summary.html")
def error_summary(form):
    """The Digital Agency's error summary: every error of the form, each a link to its field."""
    items = [{"message": error} for error in form.non_field_errors()]
    for field in form:
        for error in field.errors:
            if field.is_hidden:
                items.append({"message": error})
            else:
                items.append({"href": f"#{_error_target(field)}", "label": field.label, "message": error})
    return {"items": items, "id": f"error-summary-{form.prefix or 'form'}"}


@register.simple_tag(takes_context=True)
def page_has_form_errors(context) -> bool:
    """Whether a form on this page came back with errors (the title then starts with 「エラー：」)."""
    return any(
        isinstance(value, forms.BaseForm) and value.is_bound and bool(value.errors)
        for value in context.flatten().values()
    )


@register.filter
def chose_files(form, name: str) -> bool:
    """Whether the user picked files for this field: a browser does not send them again after an error."""
    return form.is_bound and bool(form.files.getlist(form.add_prefix(name)))
