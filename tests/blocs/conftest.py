"""Fixtures of the bloc tests: the Tiền Giang 2022 replay at each of its steps
(tests/blocs/replay.py), and a signal recorder."""

from __future__ import annotations

import pytest

from blocs import signals
from tests.blocs import replay


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """20-odd users per replay: PBKDF2 would dominate the run."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def tg_bloc(db) -> replay.Replay:
    return replay.build_replay(until="bloc")


@pytest.fixture
def tg_covenant(db) -> replay.Replay:
    return replay.build_replay(until="covenant")


@pytest.fixture
def tg_scored(db) -> replay.Replay:
    return replay.build_replay(until="scored")


@pytest.fixture
def tg_dossiers(db) -> replay.Replay:
    return replay.build_replay(until="dossiers")


@pytest.fixture
def tg_voted(db) -> replay.Replay:
    return replay.build_replay(until="voted")


class Recorder:
    def __init__(self):
        self.calls: list[dict] = []

    def __call__(self, sender, signal=None, **kwargs):
        self.calls.append(kwargs)


@pytest.fixture
def bloc_vote_closed_calls():
    recorder = Recorder()
    signals.bloc_vote_closed.connect(recorder, dispatch_uid="test-bloc-vote-closed")
    yield recorder.calls
    signals.bloc_vote_closed.disconnect(dispatch_uid="test-bloc-vote-closed")
