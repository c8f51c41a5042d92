from django.apps import AppConfig


class KnowhowConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "knowhow"
