from django.apps import AppConfig


class KnowhowConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "knowhow"

    def ready(self):
        from knowhow import demo as knowhow_demo
        from knowhow import faq, moderation, notifications, policy, search, shared_problems
        from knowhow import navigation as knowhow_navigation
        from portal import access, area_activity, demo, links, navigation, notification_kinds, offers

        access.register(policy.RULES)
        links.register("knowhow", ["detail", "revisions"], policy.opens_post)
        search.register_documents()
        notification_kinds.register(*moderation.KINDS, *notifications.KINDS, *faq.KINDS)
        offers.register(*faq.OFFERS)
        navigation.register_sections(*knowhow_navigation.SECTIONS)
        navigation.register_entry_points(*knowhow_navigation.ENTRY_POINTS)
        demo.register("knowhow", knowhow_demo.load, order=300)
        demo.register("knowhow.case_question", knowhow_demo.load_case_question, order=310)
        area_activity.register(shared_problems.PROVIDER)
        offers.register(*knowhow_navigation.OFFERS)
