from django.apps import AppConfig


class SurveysConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "surveys"
    verbose_name = "照会"

    def ready(self):
        from portal import access, demo, navigation, notification_kinds
        from surveys import demo as surveys_demo
        from surveys import navigation as surveys_navigation
        from surveys import notifications, policy

        access.register(policy.RULES)
        notification_kinds.register(*notifications.KINDS)
        navigation.register_sections(*surveys_navigation.SECTIONS)
        navigation.register_entry_points(*surveys_navigation.ENTRY_POINTS)
        demo.register("surveys", surveys_demo.load, order=510)
