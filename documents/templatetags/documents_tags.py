"""{% document_links "unit_letter" dossier.pk label %}: the .docx link and the PDF button
(or why there is no PDF) of a generated document, for the existing pages."""

from django import template
from django.urls import reverse

from documents.pdf import pdf_available

register = template.Library()


@register.inclusion_tag("documents/links.html", takes_context=True)
def document_links(context, url_name: str, pk: int, label: str, testid: str = "") -> dict:
    return {
        "url": reverse(f"khenthuong:documents:{url_name}", args=[pk]),
        "label": label,
        "testid": testid or url_name,
        "pdf_available": pdf_available(),
        "csrf_token": context.get("csrf_token"),
    }
