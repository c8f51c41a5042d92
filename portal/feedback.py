"""What a view tells the user after a POST it could not carry out."""

from django.contrib import messages
from django.core.exceptions import ValidationError


def flash_errors(request, error: ValidationError) -> None:
    """Each message of a refused action, shown on the page the user is sent back to."""
    for message in error.messages:
        messages.error(request, message)
