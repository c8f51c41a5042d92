from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"

    def ready(self):
        from portal import access
        from search import (
            indexing,  # noqa: F401  connects the receivers that record every change of a registered object
            policy,
            tasks,  # noqa: F401  connects the receivers that rebuild the indexes when a synonym changes
        )

        access.register(policy.RULES)
