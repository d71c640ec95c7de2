"""Writes of `notifications`, one module per concern (docs/notifications.md):

- `planning`: the `Reminder` rows — plan and cancel a task's and a returned dossier's
  reminders, plan the units' reminders of the province's intake date;
- `notices`: `Draft`, `create_notices` (the one writer of `Notice` rows) and the
  `notify_*` functions the receivers call for the route's and the domain's events; the
  demo clock's re-dating of notices;
- `sweep`: the beat's job — claim due reminders and expand them into notices, then the
  e-mails (`sweep`, `remind_intake`, `SweepResult`, `pending_email_ids`);
- `email`: rendering, Message-IDs, claiming and sending e-mails, digests, resuming an
  interrupted send;
- `centre`: the notification centre's writes (mark read, mark all read, preferences).

Everything that sends claims its rows in the database first. Exactly once but for one crash
window (end of 3.), in three steps (docs/notifications.md § 5):

1. `sweep.claim_due_reminders` takes due `Reminder` rows with ``SELECT … FOR UPDATE SKIP
   LOCKED`` and stamps them with a claim token. Two sweeps never get the same row; a claim
   older than the lease (``NOTIFICATIONS_CLAIM_LEASE_SECONDS``) is taken over, so a killed
   worker loses nothing.
2. `sweep.expand_claimed_reminders` turns the claimed rows into `Notice` rows and sets
   `sent_at`, in one transaction that re-checks the claim. `Notice.key` is unique, so even a
   replay adds no second notice. The next late reminder is planned in the same transaction.
3. `email.send_pending_emails` / `email.send_due_digests` claim notices the same way; just
   before the SMTP conversation a conditional UPDATE (still ours?) marks the notice
   `sending` under its Message-ID — fixed per notice (`<notice-<id>@…>`) or per digest (from
   the notices it carries) — and commits; it is marked `sent` right after the server
   accepted it. A failure before the conversation (no connection) releases the claim with a
   backoff (`email_next_at`). A notice still `sending` after a failed send (its backoff
   passed) or a crash (its claim older than the lease) is sent again by
   `email.resume_interrupted_emails` as the same message, same Message-ID. So: a notice
   never `sending` was never offered to the server (sent later, once); the one window left
   is a crash between the server's "250 OK" and the UPDATE (milliseconds), where the resend
   is a second copy under the same Message-ID — at least once there, recognisable, and
   flagged (`email.RESENT_NOTE`).

The modules import downwards only: `_common` ← `planning` ← `notices` ← `sweep` → `email`;
`centre` stands alone.
"""
