"""Events of the bloc's year (sent after commit). `workflows` listens to release dossiers."""

from django.dispatch import Signal

# kwargs: bloc_id (int), year (int), session_id (int),
#         results (dict[int, str]): nomination id -> "approved" | "rejected", with
#         reasons (dict[int, str]) for rejected ones.
bloc_vote_closed = Signal()
# kwargs: meeting_id (int), results (dict[int, str]): nomination id -> "passed" | "failed"
council_ballot_recorded = Signal()
