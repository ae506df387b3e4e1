"""Who is voting: the rater behind a browser session, an account or an API token."""

from django.http import HttpRequest

from arena.models import Rater
from arena.services import rater_create, rater_for_user

SESSION_KEY = "arena_rater_id"


def session_rater(request: HttpRequest, *, create: bool) -> Rater | None:
    """The rater of this browser: the signed-in account's, or the anonymous session's.

    With ``create``, a browser without one gets a new anonymous rater remembered in its session.
    """
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return rater_for_user(user=user)
    rater_id = request.session.get(SESSION_KEY)
    if rater_id is not None:
        rater = Rater.objects.filter(pk=rater_id, user__isnull=True).first()
        if rater is not None:
            return rater
    if not create:
        return None
    rater = rater_create()
    request.session[SESSION_KEY] = rater.pk
    return rater
