from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "procurement"
    verbose_name = "共同化検討会"

    def ready(self):
        from portal import access, demo
        from procurement import demo as procurement_demo
        from procurement import demo_fitgap, policy, policy_fitgap

        access.register(policy.RULES)
        access.register(policy_fitgap.RULES)
        demo.register("procurement", procurement_demo.load, order=400)
        demo.register("procurement_fitgap", demo_fitgap.load, order=430)
