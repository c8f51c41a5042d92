from django import template

register = template.Library()


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
