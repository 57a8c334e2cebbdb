from django.utils.functional import SimpleLazyObject

from finsam.access import visible_associations


def navigation(request):
    """The associations the user may switch between, as (slug, name) pairs (queried only if a template shows
    them): the switcher is on every page, and a national user sees all eighty associations."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_associations": []}
    return {
        "nav_associations": SimpleLazyObject(
            lambda: list(visible_associations(user).values_list("slug", "name"))
        )
    }
