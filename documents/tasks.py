"""Celery tasks of the documents app (thin: they call services)."""

from celery import shared_task
from django.conf import settings


@shared_task(name="documents.tasks.convert_to_pdf", ignore_result=True,
             soft_time_limit=settings.DOCUMENTS_PDF_TIMEOUT + 30,
             time_limit=settings.DOCUMENTS_PDF_TIMEOUT + 60)
def convert_to_pdf(conversion_id: int) -> str:
    from .services import convert_pdf

    return convert_pdf(conversion_id)
