from django.utils.functional import SimpleLazyObject

from finsam.access import visible_associations


def navigation(request):
    """The associations the user may switch between (queried only if a template shows them)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_associations": []}
    return {"nav_associations": SimpleLazyObject(lambda: list(visible_associations(user)))}
