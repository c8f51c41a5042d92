from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "procurement"
    verbose_name = "共同化検討会"

    def ready(self):
        from portal import access, demo, notification_kinds
        from procurement import demo as procurement_demo
        from procurement import (
            demo_costs,
            demo_evaluation,
            demo_fitgap,
            demo_records,
            notifications_evaluation,
            notifications_records,
            policy,
            policy_costs,
            policy_evaluation,
            policy_fitgap,
            policy_records,
        )

        access.register(policy.RULES)
        demo.register("procurement", procurement_demo.load, order=400)
        # vendor evaluation
        access.register(policy_evaluation.RULES)
        notification_kinds.register(notifications_evaluation.KIND)
        demo.register("procurement_evaluation", demo_evaluation.load, order=440)
        # fit-gap matrix and common forms
        access.register(policy_fitgap.RULES)
        demo.register("procurement_fitgap", demo_fitgap.load, order=430)
        # costs
        access.register(policy_costs.RULES)
        demo.register("procurement_costs", demo_costs.load, order=445)
        # records
        access.register(policy_records.RULES)
        notification_kinds.register(*notifications_records.KINDS)
        demo.register("procurement.records", demo_records.load, order=450)
