from django.apps import AppConfig


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "events"

    def ready(self):
        from events import demo as events_demo
        from events import navigation as events_navigation
        from events import notifications, policy
        from portal import access, demo, links, navigation, notification_kinds, offers

        access.register(policy.RULES)
        links.register("events", ["detail"], policy.opens_event)
        notification_kinds.register(*notifications.KINDS)
        navigation.register_sections(*events_navigation.SECTIONS)
        navigation.register_entry_points(*events_navigation.ENTRY_POINTS)
        offers.register(*events_navigation.OFFERS)
        demo.register("events", events_demo.load, order=500)
