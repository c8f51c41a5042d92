"""The visibility filter every query carries, so hits, counts and facets only hold what the user may find.

It is :meth:`search.registry.Visibility.admits` as a query: public, or the user's role among the
document's roles, or the user's active municipality among its municipalities.
"""

from elasticsearch.dsl import Q

from portal import access


def visibility_filter(user) -> Q:
    clauses = [Q("term", **{"visibility.public": True})]
    role = access.role_of(user)
    if role:
        clauses.append(Q("term", **{"visibility.roles": str(role)}))
    municipality = access.municipality_of(user)
    if municipality is not None:
        clauses.append(Q("term", **{"visibility.municipalities": str(municipality.pk)}))
    return Q("bool", should=clauses, minimum_should_match=1)
