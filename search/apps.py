from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"

    def ready(self):
        # Connects the signal receivers that record every change of a registered object.
        from search import indexing  # noqa: F401
