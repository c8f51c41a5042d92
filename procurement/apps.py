from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "procurement"
    verbose_name = "共同化検討会"

    def ready(self):
        from portal import access, demo, inventory_feeds, joint_work, navigation, notification_kinds
        from procurement import demo as procurement_demo
        from procurement import (
            demo_costs,
            demo_evaluation,
            demo_fitgap,
            demo_inventory,
            demo_milestones,
            demo_records,
            inventory_feed,
            milestones,
            notifications_evaluation,
            notifications_records,
            policy,
            policy_costs,
            policy_evaluation,
            policy_fitgap,
            policy_partners,
            policy_records,
            policy_workspace,
            services_invitations,
        )
        from procurement import joint_work as procurement_joint_work
        from procurement import navigation as procurement_navigation

        # the workspace: its pages, members, secretariat and milestones
        access.register(policy.RULES)
        access.register(policy_workspace.RULES)
        milestones.connect_signals()
        joint_work.register(procurement_joint_work.STARTER)
        navigation.register_sections(*procurement_navigation.SECTIONS)
        navigation.register_entry_points(*procurement_navigation.ENTRY_POINTS)
        demo.register("procurement", procurement_demo.load, order=400)
        demo.register("procurement.milestones", demo_milestones.load, order=410)
        # the system inventory, the partner finder and invitations
        access.register(policy_partners.RULES)
        notification_kinds.register(*services_invitations.KINDS)
        demo.register("procurement_inventory", demo_inventory.load, order=420)
        inventory_feeds.register(inventory_feed.FEED)
        # fit-gap matrix and common forms
        access.register(policy_fitgap.RULES)
        demo.register("procurement_fitgap", demo_fitgap.load, order=430)
        # vendor evaluation
        access.register(policy_evaluation.RULES)
        notification_kinds.register(notifications_evaluation.KIND)
        demo.register("procurement_evaluation", demo_evaluation.load, order=440)
        # costs
        access.register(policy_costs.RULES)
        demo.register("procurement_costs", demo_costs.load, order=445)
        # records
        access.register(policy_records.RULES)
        notification_kinds.register(*notifications_records.KINDS)
        demo.register("procurement.records", demo_records.load, order=450)
