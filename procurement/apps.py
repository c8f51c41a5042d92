from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "procurement"
    verbose_name = "共同化検討会"

    def ready(self):
        from portal import access, demo, notification_kinds
        from procurement import demo as procurement_demo
        from procurement import demo_inventory, policy, policy_partners, services_invitations

        access.register(policy.RULES)
        demo.register("procurement", procurement_demo.load, order=400)
        access.register(policy_partners.RULES)
        notification_kinds.register(*services_invitations.KINDS)
        demo.register("procurement_inventory", demo_inventory.load, order=420)
