"""Delivery: which detected moments reach the agent's screen, when, and what became of the others.

Every moment a detector reports (a worded :class:`~coach.types.Nudge`, one ``moment`` id each) ends
with exactly one ``cue`` event whose ``outcome`` says what happened to it:

- ``shown``: it took the screen (a ``nudge`` event);
- ``folded``: it never took the screen, but the agent saw it: on the "also" line under the nudge on
  screen, or because the same advice was on screen while it happened;
- ``expired``: it could not take the screen before it stopped being useful (a one-shot moment waited
  ``max_wait_s``; an ongoing condition ended; the call ended);
- ``suppressed``: the detector withdrew it before it was shown (see :class:`~coach.types.Withdrawal`).

Rules. At most one nudge is on screen (for ``display_s``), then the screen stays quiet for
``min_gap_s`` (a ``high`` moment, one already listed under the last nudge, or a condition still
going on does not wait for the gap); a more severe moment replaces a less severe one at any time (a
``high`` "calm down" replaces a ``medium`` "pause and breathe"), and a ``high`` one replaces a
``high`` nudge of another kind once it has been up ``min_display_s``. A nudge whose moments are over
(one-shot moments, a phrase or a missed mirror, or conditions that have ended) gives way to any
waiting moment once it has been up ``min_display_s``: the agent has read it, so no phrase waits
behind another until it is stale (a condition still going on keeps the screen for ``display_s``).
Waiting moments are ranked by severity, then age. A one-shot moment waits at most ``max_wait_s``; an
ongoing one (``Nudge.ongoing``, refreshed by its detector at least every ``ongoing_refresh_s``)
waits for as long as the condition lasts and is shown when the screen frees. While a nudge is on
screen, up to ``also_max`` waiting moments of other kinds are listed under it (the "also" line,
``nudge.also`` events when it changes). A kind already shown in this call is worded as a repeat
("Again: let them finish"; a nudge its detector took back is no offence and is not counted: a close nudged by the
call's shape, taken back when the agent's goodbye came and nudged on the goodbye, reads the same both times); a new
offence is a new moment and is never held back by the cooldown.
``cooldown_s`` (per kind) only keeps one moment from being shown twice: an ongoing condition is
shown again, as a repeat, once its cooldown has passed while it still lasts.

Joined moments. Moments that share a join group (``Nudge.join``, e.g. the one agent reply that missed
both the acknowledgement and the mirror) are delivered together as ONE nudge: when one of them takes
the screen, the others of its group that are waiting go with it, and one of the group found while
that nudge is on screen joins it (a ``nudge.update`` event; the nudge then stays at least
``min_display_s`` more, and ``min_display_s`` counts from then). The wording rules put their moments in
the group of the agent's reply too, so a refusal said in the reply whose "calm down" is on screen
joins it. The nudge's text, reason, suggestion and
words heard are those of its parts, in the order the detectors reported them ("Acknowledge the
feeling ... Then mirror the complaint ..."); ``kinds``/``covers`` list every part, and each part gets
its own ``cue`` (``shown``). A part withdrawn while on screen drops out of it (``nudge.withdrawn``
with the parts ``remaining``, then ``nudge.update``); the nudge leaves the screen only with its last
part.

Pure, synchronous, deterministic; positions are samples at 16 kHz. Call :meth:`NudgePolicy.offer`
once per analysed frame (with or without new candidates) and :meth:`NudgePolicy.close` at call end,
which shows the most urgent one-shot moment still waiting (the screen stays up for the wrap-up: a
close without "anything else?" is found in the call's last words) and decides the rest.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from coach.nudges.catalogue import NudgeCatalogue
from coach.nudges.config import NudgePolicyConfig
from coach.nudges.payload import joined_fields, plain_fields, repeat_text
from coach.types import SEVERITY_RANK, Event, Nudge, Withdrawal, samples_to_seconds, seconds_to_samples


@dataclass
class _Moment:
    """What the policy knows about one moment (sample positions)."""

    nudge: Nudge
    first_seen: int
    last_refresh: int
    ever_ongoing: bool
    seq: int
    ended: int | None = None
    covered_by: str | None = None
    covered_how: str = ""
    outcome: str | None = None
    last_shown: int | None = None
    shows: int = 0
    """How many times it took the screen (or joined a nudge on it): :meth:`NudgePolicy._word`."""

    @property
    def rank(self) -> int:
        return SEVERITY_RANK[self.nudge.severity]


@dataclass
class _Screen:
    """The nudge on screen and its "also" line."""

    moment: _Moment
    since: int
    until: int
    also: list[str] = field(default_factory=list)
    parts: list[_Moment] = field(default_factory=list)
    """The moments this nudge carries, in report order (``moment`` is one of them, the most urgent)."""
    texts: dict[str, str] = field(default_factory=dict)
    """Each part's text as shown (a repeat worded as such), by moment."""
    shown_as: str = ""
    """The ``moment`` of the ``nudge`` event that put it on screen (its id for the page)."""
    changed: int = 0
    """When what it says last changed (shown, or a part joined): ``min_display_s`` counts from here."""


@dataclass
class NudgePolicy:
    """Decides, as call audio advances, which moments reach the screen (see module docstring)."""

    cfg: NudgePolicyConfig
    catalogue: NudgeCatalogue
    fired: Counter[str] = field(default_factory=Counter)
    """Nudges shown, by kind (re-shows of a still-ongoing moment included)."""
    taken_back: Counter[str] = field(default_factory=Counter)
    """Showings of moments their detector withdrew after they were shown, by kind: no offence stands behind them, so
    they do not make the next nudge of the kind a repeat (:meth:`_offences`; a close nudged by the call's shape and
    taken back when the agent's goodbye came is nudged anew on the goodbye, not as "Again: ...")."""
    outcomes: Counter[str] = field(default_factory=Counter)
    """Decided moments, by outcome."""
    moments: list[dict[str, Any]] = field(default_factory=list)
    """Every decided moment, in order of decision: the ``cue`` event of each, as a dict."""
    _known: dict[str, _Moment] = field(default_factory=dict)
    _waiting: list[_Moment] = field(default_factory=list)
    _screen: _Screen | None = None
    _quiet_until: int = -1
    _last_severity: str = "low"

    # -- public -----------------------------------------------------------------------------------

    def offer(self, found: list[Nudge | Withdrawal], now: int) -> list[Event]:
        """Take the candidates (and withdrawals) found at sample ``now``; return the events to emit."""
        if not found and not self._waiting and self._screen is None:
            return []
        out: list[Event] = []
        for item in found:
            if isinstance(item, Withdrawal):
                out.extend(self._withdraw(item, now))
            else:
                self._take(item, now)
        if self._screen is not None and now >= self._screen.until:
            self._screen = None
        out.extend(self._deliver(now))
        out.extend(self._expire(now))
        out.extend(self._update_also(now))
        return out

    def close(self, now: int) -> list[Event]:
        """Call end at sample ``now``: decide every moment still waiting; return their events.

        The screen stays up after the call (the agent reads it during wrap-up), so the most urgent
        one-shot moment still within its ``max_wait_s`` (a close without "anything else?" found in
        the call's last words) is shown now, whatever is on screen and whatever the quiet gap: it
        happened, and nothing else will take the screen. Conditions end with the call and are not
        shown late; the others waiting go on its "also" line (``folded``) or ``expire``."""
        out: list[Event] = []
        on_screen = {p.nudge.kind for p in self._screen.parts} if self._screen is not None else set()
        last = next(
            (
                m
                for m in self._ranked()
                if m.outcome is None and not m.ever_ongoing and self._eligible(m, now) and m.nudge.kind not in on_screen
            ),
            None,
        )
        if last is not None:
            out.extend(self._show(last, now, why="shown as the call ended (the screen stays up for the wrap-up)"))
        for m in self._ranked():
            self._waiting.remove(m)
            if m.outcome is None:
                out.append(self._decide(m, now, *self._unseen(m, "the call ended before the screen freed")))
        self._screen = None
        return out

    # -- intake -----------------------------------------------------------------------------------

    def _take(self, nudge: Nudge, now: int) -> None:
        m = self._known.get(nudge.moment)
        if m is None:
            m = _Moment(nudge, now, now, nudge.ongoing, len(self._known))
            self._known[nudge.moment] = m
            self._waiting.append(m)
        else:
            m.nudge = nudge
            m.last_refresh = now
            m.ever_ongoing = m.ever_ongoing or nudge.ongoing
        if not nudge.ongoing and nudge.end is not None and m.ever_ongoing:
            m.ended = nudge.end
        on_screen = self._screen is not None and self._screen.moment is m
        reshow = m.outcome == "shown" and nudge.ongoing and not on_screen and m not in self._waiting
        if reshow and self._cooled(m, now):
            self._waiting.append(m)

    def _cooled(self, m: _Moment, now: int) -> bool:
        assert m.last_shown is not None
        return now - m.last_shown >= seconds_to_samples(self.catalogue.cooldown_s(m.nudge.kind))

    def _withdraw(self, w: Withdrawal, now: int) -> list[Event]:
        m = self._known.get(w.moment)
        if m is None:
            return []
        out: list[Event] = []
        if m in self._waiting:
            self._waiting.remove(m)
        if m.outcome is None:
            out.append(self._decide(m, now, "suppressed", f"withdrawn before it was shown: {w.why}"))
        elif m.outcome == "shown":
            screen = self._screen
            on_screen = screen is not None and m in screen.parts
            remaining: list[str] = []
            if screen is not None and on_screen:
                screen.parts.remove(m)
                remaining = [p.nudge.moment for p in screen.parts]
                if not screen.parts:  # the screen is free again at once: a withdrawn nudge holds no quiet gap
                    self._screen = None
                    self._quiet_until = now
                    self._last_severity = "low"
                elif screen.moment is m:
                    screen.moment = max(screen.parts, key=lambda p: p.rank)
            self.taken_back[m.nudge.kind] += m.shows
            out.append(
                Event.at_samples(
                    "nudge.withdrawn",
                    m.nudge.start,
                    now,
                    kind=m.nudge.kind,
                    moment=w.moment,
                    why=w.why,
                    on_screen=on_screen,
                    screen=screen.shown_as if screen is not None and on_screen else None,
                    remaining=remaining,
                )
            )
            if remaining and screen is not None:
                out.append(self._update(screen, now, f"dropped {m.nudge.kind}: {w.why}"))
        return out

    # -- the screen -------------------------------------------------------------------------------

    def _ranked(self) -> list[_Moment]:
        """Waiting moments, most urgent first: severity, then new moments before re-shows, then age
        (ties: the order the detectors reported them)."""
        return sorted(self._waiting, key=lambda m: (-m.rank, m.outcome is not None, m.first_seen, m.seq))

    def _eligible(self, m: _Moment, now: int) -> bool:
        """Still worth putting on screen at ``now``."""
        if m.ever_ongoing:
            stale = now - m.last_refresh > seconds_to_samples(self.cfg.ongoing_refresh_s)
            return m.ended is None and not stale
        return now - m.first_seen < seconds_to_samples(self.cfg.max_wait_s)

    def _free_for(self, m: _Moment, now: int) -> bool:
        """Whether ``m`` may take the screen now: it is free and the quiet gap over, or ``m`` outranks
        what is on screen (or, during the gap, what was last shown), or the nudge on screen has been up
        ``min_display_s`` and is either over (:meth:`_over`: the agent has read about a moment that has
        passed, so it gives way to any waiting one) or of another ``high`` kind while ``m`` is ``high``
        too (urgent moments never wait long behind each other), or ``m`` is ``high`` and the screen is
        free (no quiet gap), or the screen is free and ``m`` was already announced under the last
        nudge (the "also" line) or is a condition still going on (the agent is raising their voice,
        leaving dead air, talking over the customer *now*: a quiet gap of ``min_gap_s`` would put it
        past the behavioural 1.5 s, c158): it takes the screen as soon as it frees."""
        urgent = m.rank == SEVERITY_RANK["high"]
        screen = self._screen
        if screen is not None:
            if m.rank > screen.moment.rank:
                return True
            held = now - screen.changed >= seconds_to_samples(self.cfg.min_display_s)
            both_high = urgent and screen.moment.rank == m.rank
            return held and (both_high or self._over(screen, now))
        announced = m.covered_by is not None
        going_on = m.ever_ongoing  # _deliver offers only eligible moments: the condition still lasts
        return (
            urgent or announced or going_on or now >= self._quiet_until or m.rank > SEVERITY_RANK[self._last_severity]
        )

    def _over(self, screen: _Screen, now: int) -> bool:
        """Whether every moment the nudge on screen carries is over at ``now``: a one-shot moment (a
        phrase, a missed mirror: it happened before it was reported), or a condition that has ended
        (its ``end`` came, or its refreshes stopped for over ``ongoing_refresh_s``)."""
        return all(not p.ever_ongoing or not self._eligible(p, now) for p in screen.parts)

    def _deliver(self, now: int) -> list[Event]:
        out: list[Event] = []
        for m in self._ranked():
            if not self._eligible(m, now):
                continue
            screen = self._screen
            if screen is not None and m.outcome is None and _joins(m, screen.parts):
                out.extend(self._add_part(screen, m, now))
                continue
            if screen is not None and m.nudge.kind in {p.nudge.kind for p in screen.parts}:
                self._cover(m, screen.moment, "the same advice was on screen")
                continue
            if self._free_for(m, now):
                return out + self._show(m, now)
        return out

    def _word(self, m: _Moment) -> str:
        """Count one showing of ``m``'s kind; its text, worded as a repeat if the kind was shown before (a showing
        taken back not counted: :attr:`taken_back`)."""
        self.fired[m.nudge.kind] += 1
        m.shows += 1
        again = self._offences(m.nudge.kind) > 1
        return repeat_text(m.nudge.text, self.cfg.repeat_prefix) if again else m.nudge.text

    def _offences(self, kind: str) -> int:
        """Showings of ``kind`` so far that stand: :attr:`fired` less :attr:`taken_back`."""
        return self.fired[kind] - self.taken_back[kind]

    def _combined(self, screen: _Screen) -> dict[str, Any]:
        """The fields a joined nudge shows: those of its parts, in report order."""
        parts = sorted(screen.parts, key=lambda p: p.seq)
        return joined_fields(
            [(p.nudge.kind, p.nudge.moment, screen.texts[p.nudge.moment], p.nudge.evidence) for p in parts]
        )

    def _add_part(self, screen: _Screen, m: _Moment, now: int) -> list[Event]:
        """``m`` joins the nudge on screen (same join group): an update of it, and ``m``'s cue."""
        self._waiting.remove(m)
        screen.texts[m.nudge.moment] = self._word(m)
        screen.parts.append(m)
        m.last_shown = now
        screen.changed = now
        # the added part is on screen at least min_display_s, like a nudge of its own
        screen.until = max(screen.until, now + seconds_to_samples(self.cfg.min_display_s))
        self._quiet_until = max(self._quiet_until, screen.until + seconds_to_samples(self.cfg.min_gap_s))
        if m.rank > screen.moment.rank:
            screen.moment = m
        update = self._update(screen, now, f"added {m.nudge.kind}")
        return [update, self._decide(m, now, "shown", f"joined the nudge on screen ({screen.shown_as}): same reply")]

    def _update(self, screen: _Screen, now: int, why: str) -> Event:
        """A ``nudge.update`` event: the nudge on screen now carries other parts."""
        severity = screen.moment.nudge.severity
        return Event.at_samples(
            "nudge.update",
            now,
            now,
            moment=screen.shown_as,
            kind=screen.moment.nudge.kind,
            severity=severity,
            why=why,
            **self._combined(screen),
            expires=samples_to_seconds(screen.until),
        )

    def _show(self, m: _Moment, now: int, why: str | None = None) -> list[Event]:
        replaced = self._screen.moment if self._screen is not None else None
        replaced_id = self._screen.shown_as if self._screen is not None else None
        partners = _partners(m, self._waiting, lambda w: self._eligible(w, now))
        self._waiting.remove(m)
        for p in partners:
            self._waiting.remove(p)
        times = self._offences(m.nudge.kind) + 1
        again = times > 1
        until = now + seconds_to_samples(self.cfg.display_s)
        parts = sorted([m, *partners], key=lambda p: p.seq)
        screen = _Screen(m, now, until, parts=parts, shown_as=m.nudge.moment, changed=now)
        screen.texts = {p.nudge.moment: self._word(p) for p in parts}
        self._screen = screen
        self._quiet_until = until + seconds_to_samples(self.cfg.min_gap_s)
        self._last_severity = m.nudge.severity
        first_time = m.outcome is None
        for p in parts:
            p.last_shown = now
        also = self._also_for(now)
        screen.also = [a.nudge.moment for a in also]
        for a in also:
            self._cover(a, m, "listed on the 'also' line")
        nudge = m.nudge
        event = Event.at_samples(
            "nudge",
            min(p.nudge.start for p in parts),
            now,
            kind=nudge.kind,
            moment=nudge.moment,
            severity=nudge.severity,
            **self._combined(screen),
            evidence=dict(nudge.evidence),
            expires=samples_to_seconds(until),
            repeat=again,
            times=times,
            ongoing=nudge.ongoing and m.ended is None,
            replaces=replaced_id,
            also=[_also_item(a) for a in also],
        )
        out = [event]
        if first_time:
            out.append(self._decide(m, now, "shown", why or self._why_shown(m, replaced, now)))
        for p in partners:
            out.append(self._decide(p, now, "shown", f"shown together with \u201c{nudge.text}\u201d: same reply"))
        return out

    def _why_shown(self, m: _Moment, replaced: _Moment | None, now: int) -> str:
        """Why ``m`` took the screen at ``now`` (``replaced``: the nudge it took it from, if any)."""
        waited = samples_to_seconds(now - m.first_seen)
        if replaced is not None and replaced.rank < m.rank:
            return f"replaced the less urgent \u201c{replaced.nudge.text}\u201d on screen"
        if replaced is not None:
            held = self.cfg.min_display_s
            return f"replaced \u201c{replaced.nudge.text}\u201d after it had been on screen {held:.1f} s"
        if waited > 0:
            return f"shown when the screen freed, after {waited:.1f} s"
        return "shown at once"

    def _also_for(self, now: int) -> list[_Moment]:
        """Up to ``also_max`` waiting moments of kinds other than the one on screen, one per kind."""
        assert self._screen is not None
        kinds = {p.nudge.kind for p in self._screen.parts}
        out: list[_Moment] = []
        for m in self._ranked():
            if len(out) >= self.cfg.also_max:
                break
            if m.nudge.kind in kinds or not self._eligible(m, now):
                continue
            kinds.add(m.nudge.kind)
            out.append(m)
        return out

    def _update_also(self, now: int) -> list[Event]:
        """A ``nudge.also`` event when the "also" line under the nudge on screen changes."""
        screen = self._screen
        if screen is None:
            return []
        also = self._also_for(now)
        ids = [a.nudge.moment for a in also]
        if ids == screen.also:
            return []
        screen.also = ids
        for a in also:
            self._cover(a, screen.moment, "listed on the 'also' line")
        shown = screen.moment.nudge
        return [
            Event.at_samples(
                "nudge.also", now, now, moment=screen.shown_as, kind=shown.kind, also=[_also_item(a) for a in also]
            )
        ]

    def _cover(self, m: _Moment, by: _Moment, how: str) -> None:
        if m.covered_by is None:
            m.covered_by = by.nudge.moment
            m.covered_how = how

    # -- endings ----------------------------------------------------------------------------------

    def _expire(self, now: int) -> list[Event]:
        out: list[Event] = []
        for m in self._ranked():
            if self._eligible(m, now):
                continue
            self._waiting.remove(m)
            if m.outcome is not None:  # a re-show that did not happen: the moment was already shown
                continue
            if m.ever_ongoing:
                end = m.ended if m.ended is not None else m.last_refresh
                lasted = samples_to_seconds(max(end - m.nudge.start, 0))
                why = f"the condition ended (after {lasted:.1f} s) before the screen freed"
            else:
                why = f"waited {self.cfg.max_wait_s:.1f} s; the screen did not free in time"
            out.append(self._decide(m, now, *self._unseen(m, why)))
        return out

    def _unseen(self, m: _Moment, why: str) -> tuple[str, str]:
        """Outcome and reason for a moment that never took the screen."""
        if m.covered_by is not None:
            under = self._known[m.covered_by].nudge.text
            return "folded", f"{m.covered_how}, under \u201c{under}\u201d; {why}"
        return "expired", why

    def _decide(self, m: _Moment, now: int, outcome: str, why: str) -> Event:
        m.outcome = outcome
        self.outcomes[outcome] += 1
        nudge = m.nudge
        data: dict[str, Any] = {
            "kind": nudge.kind,
            "moment": nudge.moment,
            "outcome": outcome,
            "why": why,
            "severity": nudge.severity,
            "text": nudge.text,
            **plain_fields(nudge.kind, nudge.text, nudge.evidence),
            "evidence": dict(nudge.evidence),
            "found_at": samples_to_seconds(m.first_seen),
        }
        if m.ended is not None:
            data["end"] = samples_to_seconds(m.ended)
        if outcome == "folded":
            data["into"] = m.covered_by
        event = Event.at_samples("cue", nudge.start, now, **data)
        self.moments.append(event.to_dict())
        return event


def _joins(m: _Moment, parts: list[_Moment]) -> bool:
    """Whether ``m`` belongs to the join group of the nudge made of ``parts``."""
    return m.nudge.join is not None and any(p.nudge.join == m.nudge.join for p in parts)


def _partners(m: _Moment, waiting: list[_Moment], eligible: Any) -> list[_Moment]:
    """The waiting, never-decided moments of ``m``'s join group that go on screen with it."""
    return [
        w
        for w in waiting
        if w is not m
        and w.outcome is None
        and m.nudge.join is not None
        and w.nudge.join == m.nudge.join
        and eligible(w)
    ]


def _also_item(m: _Moment) -> dict[str, Any]:
    nudge = m.nudge
    return {"kind": nudge.kind, "text": nudge.text, "severity": nudge.severity, "moment": nudge.moment}
