from django.urls import path

from procurement.views import members, milestones, workspaces

app_name = "procurement"

urlpatterns = [
    path("", workspaces.workspace_list, name="list"),
    # workspace pages: founding and editing a group, its members, secretariat and milestones
    path("new/", workspaces.workspace_new, name="workspace_new"),
    path("<slug:slug>/", workspaces.workspace_detail, name="detail"),
    path("<slug:slug>/edit/", workspaces.workspace_edit, name="workspace_edit"),
    path("<slug:slug>/members/", members.member_list, name="workspace_members"),
    path("<slug:slug>/members/<int:member_id>/edit/", members.member_edit, name="workspace_member_edit"),
    path(
        "<slug:slug>/members/<int:member_id>/remove/", members.member_remove, name="workspace_member_remove"
    ),
    path("<slug:slug>/secretariat/", members.secretariat, name="workspace_secretariat"),
    path("<slug:slug>/secretariat/join/", members.secretariat_join, name="workspace_secretariat_join"),
    path(
        "<slug:slug>/secretariat/advisors/",
        members.secretariat_add_advisor,
        name="workspace_secretariat_advisor",
    ),
    path(
        "<slug:slug>/secretariat/consultants/",
        members.secretariat_add_consultant,
        name="workspace_secretariat_consultant",
    ),
    path(
        "<slug:slug>/secretariat/<int:row_id>/remove/",
        members.secretariat_remove,
        name="workspace_secretariat_remove",
    ),
    path("<slug:slug>/milestones/", milestones.milestone_list, name="workspace_milestones"),
    path(
        "<slug:slug>/milestones/<int:milestone_id>/edit/",
        milestones.milestone_edit,
        name="workspace_milestone_edit",
    ),
]
