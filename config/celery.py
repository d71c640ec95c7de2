"""The Celery application. Broker choice is made in settings (see config/broker.py)."""

import logging
import os

from celery import Celery
from celery.signals import celeryd_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("khenthuong")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger("config.celery")


@celeryd_init.connect
def _log_broker(**_kwargs) -> None:
    from django.conf import settings

    logger.warning("Celery broker: %s", settings.CELERY_BROKER_DESCRIPTION)
