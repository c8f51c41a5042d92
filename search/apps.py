from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"

    def ready(self):
        from portal import access, navigation
        from search import (
            indexing,  # noqa: F401  connects the receivers that record every change of a registered object
            policy,
            tasks,  # noqa: F401  connects the receivers that rebuild the indexes when a synonym changes
        )
        from search import navigation as search_navigation

        access.register(policy.RULES)
        navigation.register_sections(*search_navigation.SECTIONS)
        navigation.register_header_search(search_navigation.HEADER_SEARCH)
