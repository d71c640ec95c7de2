from django import template

from notifications import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notice_count(context) -> int:
    """Unread notices of the signed-in person: one indexed COUNT, cached per request."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if request is not None:
        cached = getattr(request, "_unread_notice_count", None)
        if cached is not None:
            return cached
    count = selectors.unread_count(user)
    if request is not None:
        request._unread_notice_count = count
    return count
