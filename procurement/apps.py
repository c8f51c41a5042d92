from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "procurement"
    verbose_name = "共同化検討会"

    def ready(self):
        from portal import access, demo, notification_kinds
        from procurement import demo as procurement_demo
        from procurement import demo_evaluation, notifications_evaluation, policy, policy_evaluation

        access.register(policy.RULES)
        access.register(policy_evaluation.RULES)
        notification_kinds.register(notifications_evaluation.KIND)
        demo.register("procurement", procurement_demo.load, order=400)
        demo.register("procurement_evaluation", demo_evaluation.load, order=440)
