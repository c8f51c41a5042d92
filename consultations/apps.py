from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "consultations"

    def ready(self):
        from consultations import demo as desk_demo
        from consultations import handover, material, notifications, policy, search
        from consultations import navigation as desk_navigation
        from portal import access, demo, navigation, notification_kinds
        from portal import handover as handovers
        from portal import material as materials

        access.register(policy.RULES)
        search.register_documents()
        notification_kinds.register(*notifications.KINDS)
        handovers.register(handover.PARTICIPANT)
        materials.register(material.SOURCE)
        navigation.register_sections(*desk_navigation.SECTIONS)
        navigation.register_entry_points(*desk_navigation.ENTRY_POINTS)
        demo.register("consultations", desk_demo.load, order=100)
