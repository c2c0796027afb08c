"""Helpers that the topic test files share (tests/test_listening_classes.py, tests/test_quiet_call_classes.py, ...).

Before session 35 each per-session file wrote its own copy (``_utt`` four times over); one copy lives here now.
Other shared helpers stay where they were written and are imported from there: ``final`` / ``kinds`` / ``run``
(tests/test_language_rules.py: a final transcript event and the nudges one line fires), ``partial`` /
``heard_after`` (tests/test_language_stream.py), ``wording_list`` / ``kinds_fired`` / ``closing_fired``
(tests/test_language_wording.py: a wording list and the nudge kinds of one agent line)."""

from __future__ import annotations

from coach.language.utterance import Utterance
from tests.test_language_rules import final


def utterance(speaker: str, text: str, t: float, utt: str, *, done: bool = True) -> Utterance:
    """One turn as the listening rules read it: ``text`` said by ``speaker`` from ``t`` seconds, its words evenly
    timed (:func:`tests.test_language_rules.final`), under the utterance id ``utt``. ``done=False``: the same words
    not yet final (a partial's)."""
    u = Utterance.from_event(final(speaker, text, t, utt=utt))
    return u if done else Utterance(u.speaker, u.text, u.start, u.end, u.at, u.utt, u.words, final=False)
