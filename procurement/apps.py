from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "procurement"
    verbose_name = "共同化検討会"

    def ready(self):
        from portal import access, demo
        from procurement import demo as procurement_demo
        from procurement import demo_costs, policy, policy_costs

        access.register(policy.RULES)
        demo.register("procurement", procurement_demo.load, order=400)
        access.register(policy_costs.RULES)
        demo.register("procurement_costs", demo_costs.load, order=445)
