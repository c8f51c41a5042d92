from django.urls import path

from procurement.views import inventory, invitations, partners, workspaces

app_name = "procurement"

urlpatterns = [
    path("", workspaces.workspace_list, name="list"),
    # Slice 2: the system inventory, the partner finder and invitations (before <slug>/: these words
    # are not workspace slugs).
    path("inventory/", inventory.inventory_list, name="inventory_list"),
    path("inventory/<str:code>/new/", inventory.inventory_new, name="inventory_new"),
    path("inventory/<str:code>/<int:pk>/edit/", inventory.inventory_edit, name="inventory_edit"),
    path("inventory/<str:code>/<int:pk>/delete/", inventory.inventory_remove, name="inventory_delete"),
    path("partners/", partners.partners_find, name="partners_find"),
    path("<slug:slug>/partners/", partners.partners_workspace, name="partners_workspace"),
    path("<slug:slug>/invitations/", invitations.invitations_list, name="invitations_list"),
    path("<slug:slug>/invitations/new/", invitations.invitations_new, name="invitations_new"),
    path("<slug:slug>/invitations/<int:pk>/", invitations.invitations_detail, name="invitations_detail"),
    path(
        "<slug:slug>/invitations/<int:pk>/decide/", invitations.invitations_decide, name="invitations_decide"
    ),
    path(
        "<slug:slug>/invitations/<int:pk>/withdraw/",
        invitations.invitations_withdraw,
        name="invitations_withdraw",
    ),
    path("<slug:slug>/", workspaces.workspace_detail, name="detail"),
]
