from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "consultations"

    def ready(self):
        from consultations import demo as desk_demo
        from consultations import navigation as desk_navigation
        from consultations import policy, search
        from portal import access, demo, navigation

        access.register(policy.RULES)
        search.register_documents()
        navigation.register_sections(*desk_navigation.SECTIONS)
        navigation.register_entry_points(*desk_navigation.ENTRY_POINTS)
        demo.register("consultations", desk_demo.load, order=100)
