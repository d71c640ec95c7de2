"""Events of the bloc's year (sent after commit). `workflows` listens to release dossiers.

The council's ballot has no signal: closing the meeting writes its results on the
nominations itself (blocs.services.close_council_meeting)."""

from django.dispatch import Signal

# kwargs: bloc_id (int), year (int), session_id (int),
#         results (dict[int, str]): nomination id -> "approved" | "rejected", with
#         reasons (dict[int, str]) for rejected ones.
bloc_vote_closed = Signal()
