from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "consultations"

    def ready(self):
        from consultations import demo as desk_demo
        from consultations import exports, handover, joint_work, material, notifications, policy, search
        from consultations import navigation as desk_navigation
        from portal import access, area_activity, demo, links, navigation, notification_kinds
        from portal import handover as handovers
        from portal import joint_work as joint_starters
        from portal import material as materials

        access.register(policy.RULES)
        links.register("consultations", ["detail"], policy.opens_consultation)
        search.register_documents()
        notification_kinds.register(*notifications.KINDS, exports.KIND)
        handovers.register(handover.PARTICIPANT)
        materials.register(material.SOURCE)
        navigation.register_sections(*desk_navigation.SECTIONS)
        navigation.register_entry_points(*desk_navigation.ENTRY_POINTS)
        demo.register("consultations", desk_demo.load, order=100)
        area_activity.register(joint_work.PROVIDER)
        joint_starters.register(joint_work.STARTER)
