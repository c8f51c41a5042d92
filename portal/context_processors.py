from django.conf import settings

from portal import access, navigation


def portal(request):
    user = request.user
    return {
        "nav_items": navigation.items_for(user),
        "header_search": navigation.header_search(),
        "user_role": access.role_of(user),
        "user_is_pending": access.is_pending(user),
        "portal_contact_email": settings.PORTAL_CONTACT_EMAIL,
    }
