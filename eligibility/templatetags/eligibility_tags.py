"""Names instead of codes on screen: eligibility rule ids (GEN-PENDING) become their short
Vietnamese names."""

from django import template

from eligibility.engine.catalogue import rule_title as _rule_title

register = template.Library()


@register.filter
def rule_title(rule_id: str) -> str:
    """{{ r.id|rule_title }}: "GEN-PENDING" → "Không đang bị xem xét kỷ luật, …"."""
    return _rule_title(str(rule_id))
