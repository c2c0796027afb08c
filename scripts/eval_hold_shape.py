"""Judge the hold reading on the tuning calls' script text and on a list of look-alikes (issue 9, session 35, H24).

Usage: ``.venv/bin/python scripts/eval_hold_shape.py [--show]``

Each tuning script (numbered below ``FIRST_HELDOUT_CALL``; held-out ones are never opened) gives:

- *holds*: the agent's last line before a silence longer than ``[turns] dead_air_s`` that the truth does not call
  dead air from its start (a hold kept in time, or one that ran long: ``dead_air`` with ``after_s`` > 0);
- *not holds*: every other agent line, and those before a silence the truth calls dead air from its start.

For each, three readings (``whole=True``, as a final is read): ``classify_hold`` as it is (lists and shape), the
shape alone (:func:`coach.turns.holds.wait_shape`: a request to wait and a short time or an errand in the last
sentence, no idiom list) and ``classify_hold`` without the shape. A look-up said in passing (vague) or a look-up stated
as a plan counts as no hold for this count (it covers a few seconds at most). The shape alone is the figure that
estimates what the rule reads on an unseen part's new wordings: it was written from the grammar of a wait, not from
these lines. ``LOOKALIKES`` (our own wordings) are lines that must read no hold: a wait the customer must do, a
delivery or arrival time, "hold" as a verb of possession, a remark after "hang on".
Words are matched, never logged (``--show`` prints the script lines that read differently, on this machine only).
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_calls import tuning_scripts  # noqa: E402

from coach.config import load_config  # noqa: E402
from coach.turns import holds  # noqa: E402

# Our own look-alikes of a hold announcement that are none (each must read no hold, shape or lists).
LOOKALIKES = (
    # a wait the customer must do, not on the line
    "You'll need to wait a few days for the refund to show.",
    "Could you wait a minute before you switch it back on?",
    "Can you wait ten seconds and then plug it back in?",
    "If you hold the reset button for ten seconds, the light will flash.",
    "Hold the button down for about thirty seconds, please.",
    "Could you leave it unplugged for a minute?",
    "You may have to wait a while for the next bus.",
    "Wait a minute until the kettle clicks off, then pour.",
    "You'll have to hang on to the receipt for a bit.",
    # a delivery, arrival or send time
    "The text should come through in a minute.",
    "It'll be with you in a few minutes by email.",
    "The driver is about two minutes away from you.",
    "Your code arrives within a minute or so.",
    "He'll be at yours in about forty minutes.",
    "The link expires after a couple of minutes.",
    # "hold" / "stay" / "stick" of possession or state
    "We hold your card details for a minute at most while the payment clears.",
    "We only hold the booking for a couple of minutes online.",
    "The offer holds for a week.",
    "The price will stay put until March.",
    "The sticker should stick for a good while.",
    # a remark after "hang on" / "wait"
    "Hang on a second, that's not the address I have.",
    "Wait a minute, you said Tuesday?",
    "Hold on a sec, is that the old account?",
    # a time that is no wait
    "I spent a minute on hold myself yesterday.",
    "Give it a minute to warm up and then try again.",
    "Give the boiler a few minutes to settle.",
    "Let it sit for a minute before you stir it.",
    "Stay on the line after the beep to leave a message.",
    "I'll send it over in a second.",
    "I'll pop over to you in a minute with the keys.",
    "Bear with the new system, it's a bit slow.",
    "You may need to wait a minute or so.",
    "You'll have to wait a couple of minutes for the water to clear.",
    "I'll pop over to see you for a few minutes.",
    "I'll pop round in a minute.",
    "Could you pause the video for a few seconds?",
    "Sit down for a minute and read the letter.",
    "If you can wait a few minutes after the beep, the machine resets.",
    "Hold for a moment, then release.",
    "We can hold the room for a couple of minutes.",
    "Give us a ring in a minute.",
    "Just a minute, that's not right.",
    "Would you mind waiting a minute longer next time?",
    "Could you stay at home for a couple of hours on Tuesday?",
    "I'll be away for a few minutes at lunch, so ring after two.",
)


def script_lines() -> tuple[list[str], list[str]]:
    """(holds, not holds) agent lines of the tuning scripts (see the module's docstring)."""
    dead_air_s = load_config(None).turns.dead_air_s
    hold_lines: list[str] = []
    other: list[str] = []
    for path in tuning_scripts():
        turns = tomllib.loads(path.read_text(encoding="utf-8")).get("turn", [])
        before_silence: dict[int, bool] = {}
        for i, turn in enumerate(turns):
            if "silence_s" not in turn:
                continue
            agent = next((j for j in range(i - 1, -1, -1) if turns[j].get("speaker") == "agent"), None)
            if agent is None:
                continue
            expect = turn.get("expect") or []
            expect = [expect] if isinstance(expect, str) else expect
            plain = any(
                e == "dead_air" or (isinstance(e, dict) and e.get("kind") == "dead_air" and not e.get("after_s"))
                for e in expect
            )
            if float(turn["silence_s"]) > dead_air_s and not plain:
                before_silence[agent] = True
            elif plain:
                before_silence.setdefault(agent, False)
        for j, turn in enumerate(turns):
            if turn.get("speaker") == "agent" and "text" in turn:
                (hold_lines if before_silence.get(j) else other).append(str(turn["text"]))
    return hold_lines, other


def reads_hold(text: str, *, shape: bool | None) -> bool:
    """Whether ``text`` (a final) reads a hold that covers more than a look-up's moment: ``shape`` None = as the rule
    is, True = the shape alone, False = the rule without the shape."""
    if shape:
        reading = holds.wait_shape(text)
        return reading is not None and not reading[1]
    reading = holds.classify_hold(text, whole=True, shape=shape is None)
    return reading is not None and not reading[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", action="store_true", help="print the lines the shape reads differently")
    args = parser.parse_args()
    hold_lines, other = script_lines()
    for name, shape in (("as the rule is", None), ("shape alone", True), ("without the shape", False)):
        got = [reads_hold(t, shape=shape) for t in hold_lines]
        false = [reads_hold(t, shape=shape) for t in other]
        alike = [reads_hold(t, shape=shape) for t in LOOKALIKES]
        print(
            f"{name:>18}: holds read {sum(got)}/{len(hold_lines)}, not holds read as holds {sum(false)}/{len(other)},"
            f" look-alikes read as holds {sum(alike)}/{len(LOOKALIKES)}"
        )
    if args.show:
        for label, lines, want in (
            ("hold missed by the shape", hold_lines, True),
            ("shape false", other, False),
            ("look-alike read", LOOKALIKES, False),
        ):
            for t in lines:
                if reads_hold(t, shape=True) != want:
                    print(f"{label}: {t[-160:]}")


if __name__ == "__main__":
    main()
