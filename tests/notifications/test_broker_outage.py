"""Redis down: the user's action answers at once and succeeds; its e-mail waits in the
database and goes once the broker is back (a private redis-server, stopped and restarted)."""

import time
from collections import Counter

import pytest
from django.core import mail
from django.urls import reverse

from accounts import roles
from notifications import tasks
from notifications.models import Notice
from tests.factories import (
    DossierFactory,
    NominationFactory,
    PersonFactory,
    UnitFactory,
    UserFactory,
    attach_required_documents,
    award,
)

from .test_worker import wait_until

pytestmark = pytest.mark.worker


def test_dossiers_sent_while_redis_is_down_answer_fast_and_their_emails_go_after_the_sweep(
        own_broker, client):
    unit = UnitFactory()
    officer = UserFactory(roles=[roles.UNIT_OFFICER], unit=unit, province=unit.province)
    head = UserFactory(roles=[roles.UNIT_HEAD], unit=unit, province=unit.province,
                       email="thutruong@example.test")
    dossiers = [DossierFactory(unit=unit, year=2025, created_by=officer) for _ in range(3)]
    for dossier in dossiers:
        NominationFactory(dossier=dossier, award=award("CSTD_TINH"),
                          person=PersonFactory(unit=unit))
        attach_required_documents(dossier)
    client.force_login(officer)
    client.raise_request_exception = False

    def send(dossier) -> tuple[int, float]:
        started = time.monotonic()
        response = client.post(reverse("khenthuong:route:send", args=[dossier.pk]),
                               {"confirm": "1"})
        return response.status_code, time.monotonic() - started

    assert send(dossiers[0])[0] == 302  # its e-mail is queued in Redis, which then dies
    own_broker.stop()
    during_outage = [send(dossier) for dossier in dossiers[1:]]

    assert [status for status, _ in during_outage] == [302, 302]
    assert max(seconds for _, seconds in during_outage) < 0.5, during_outage
    notices = Notice.objects.filter(recipient=head, kind=Notice.Kind.TASK_CREATED)
    assert notices.count() == 3 and mail.outbox == []
    assert {n.email_state for n in notices} == {Notice.Email.PENDING}

    own_broker.start()  # empty: the queued e-mail task was lost with the old one
    with own_broker.worker():
        tasks.sweep.delay()
        assert wait_until(lambda: not notices.exclude(email_state=Notice.Email.SENT).exists(),
                          timeout=20)
    sent = Counter(m.extra_headers["Message-ID"] for m in mail.outbox)
    assert len(sent) == 3 and set(sent.values()) == {1}
    assert {tuple(m.to) for m in mail.outbox} == {("thutruong@example.test",)}
