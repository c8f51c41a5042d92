from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "consultations"

    def ready(self):
        from consultations import demo as desk_demo
        from consultations import navigation as desk_navigation
        from portal import demo, navigation

        navigation.register_sections(*desk_navigation.SECTIONS)
        navigation.register_entry_points(*desk_navigation.ENTRY_POINTS)
        demo.register("consultations", desk_demo.load, order=100)
