from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "procurement"
    verbose_name = "共同化検討会"

    def ready(self):
        from portal import access, demo, joint_work, navigation
        from procurement import demo as procurement_demo
        from procurement import demo_milestones, milestones, policy, policy_workspace
        from procurement import joint_work as procurement_joint_work
        from procurement import navigation as procurement_navigation

        access.register(policy.RULES)
        demo.register("procurement", procurement_demo.load, order=400)
        access.register(policy_workspace.RULES)
        milestones.connect_signals()
        joint_work.register(procurement_joint_work.STARTER)
        navigation.register_sections(*procurement_navigation.SECTIONS)
        navigation.register_entry_points(*procurement_navigation.ENTRY_POINTS)
        demo.register("procurement.milestones", demo_milestones.load, order=410)
