"""scripts/closing_variants.py: the variant scripts it writes from a call script's text (no rendering, no analysis)."""

from __future__ import annotations

import importlib.util
import shutil
import sys
import tomllib
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "closing_variants.py"
_spec = importlib.util.spec_from_file_location("closing_variants", SCRIPT)
assert _spec is not None and _spec.loader is not None
variants = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = variants
_spec.loader.exec_module(variants)

HEAD = '[call]\npart = "tune"\nagent_voice = "piper:joe"\ncustomer_voice = "piper:joe+4"\n'
TURNS = [
    ("agent", "Hello, Brindle Kennels, Ada speaking.", ""),
    ("customer", "Hi, I'd like to book Biscuit in for the first week of May.", ""),
    ("agent", "Let me just check the diary for you.", ""),
    ("customer", "Thanks.", ""),
    ("agent", "That's Biscuit booked in for the first, cheerio now.", 'expect = ["check_anything_else"]\n'),
]


def script(turns=TURNS) -> str:
    body = "".join(f'\n[[turn]]\nspeaker = "{s}"\n{extra}text = "{t}"\n' for s, t, extra in turns)
    return HEAD + body


def customer_turns(text: str) -> list[dict]:
    return [t for t in tomllib.loads(text)["turn"] if t["speaker"] == "customer"]


def test_answers_adds_the_customers_goodbye_after_the_agents():
    out = variants.variant(script(), "answers")
    turns = tomllib.loads(out)["turn"]
    assert turns[:-1] == tomllib.loads(script())["turn"]
    assert turns[-1]["speaker"] == "customer" and "bye" in turns[-1]["text"].lower()
    assert "start_before_end_s" not in turns[-1]


def test_overlaps_starts_the_answer_before_the_goodbye_ends():
    last = tomllib.loads(variants.variant(script(), "overlaps"))["turn"][-1]
    assert last["speaker"] == "customer" and last["start_before_end_s"] == variants.OVERLAP_S


DEAD_AIR = "\n[[turn]]\nsilence_s = 6.0\n"


def dead_air_script(look_up: str) -> str:
    """:func:`script` with the agent's third turn ``look_up`` followed by six seconds of dead air (the agent works)."""
    head, *rest = script([*TURNS[:2], ("agent", look_up, ""), *TURNS[3:]]).split("\n[[turn]]\n")
    turns = ["\n[[turn]]\n" + t for t in rest]
    return head + "".join([*turns[:3], DEAD_AIR, *turns[3:]])


@pytest.mark.parametrize("look_up", ["Let me just check the diary for you.", "Okay.", "Hmm, right."])
def test_room_bye_goes_after_the_agent_turn_the_script_follows_with_dead_air_whatever_its_words(look_up):
    """The position is the script's (dead air after an agent turn), not the closing rule's reading of the turn: "Okay."
    before dead air, which ``closing._looks_up_now`` does not read as a look-up, gets the room bye too (helper R19's
    note, session 54: positions chosen by the predicate under test)."""
    turns = tomllib.loads(variants.variant(dead_air_script(look_up), "room_bye"))["turn"]
    assert [t.get("text", "<dead air>") for t in turns] == [
        *[t for _, t, _ in TURNS[:2]],
        look_up,
        variants.ROOM_BYE,
        "<dead air>",
        *[t for _, t, _ in TURNS[3:]],
    ]
    assert turns[4] == {"silence_s": 6.0}
    assert turns[-1]["expect"] == ["check_anything_else"]


def test_a_call_whose_close_is_not_its_last_turn_or_that_has_no_dead_air_gets_no_variant():
    answered = [*TURNS, ("customer", "Bye now.", "")]
    assert variants.variant(script(answered), "answers") is None
    assert variants.variant(script(), "room_bye") is None  # "Let me just check the diary" said, no dead air after it
    no_look_up = [t if i != 2 else ("agent", "The first week of May is free.", "") for i, t in enumerate(TURNS)]
    assert variants.variant(script(no_look_up), "room_bye") is None


def test_held_out_calls_are_refused(tmp_path):
    with pytest.raises(SystemExit):
        variants.build([f"c{variants.FIRST_HELDOUT_CALL}_anything"], ["answers"], tmp_path)


def test_an_out_folder_inside_scripts_calls_is_refused():
    inside = variants.CALLS / "closing_variants_probe"
    try:
        with pytest.raises(SystemExit):
            variants.build(["c1_anything"], ["answers"], inside)
        assert not inside.exists()
    finally:
        shutil.rmtree(inside, ignore_errors=True)  # (a tree without the guard made it)


def _product(root: Path) -> Path:
    (root / "coach").mkdir(parents=True)
    (root / "models").mkdir()
    (root / "coach" / "rule.py").write_text("BEAM = 5\n")
    (root / "models" / "head.json").write_text('{"w": 1}\n')
    return root


def test_kept_events_are_reused_only_for_the_same_audio_and_product(tmp_path, monkeypatch):
    """A re-run on the same rendering and product reuses the kept events; an edited product file (source or a head's
    data), another product or a re-rendered variant runs the analysis again (a second ``--product`` used to be
    scored on the first one's events)."""
    out, name = tmp_path / "out", "c1_x__answers"
    (out / "render").mkdir(parents=True)
    (out / "render" / f"{name}.flac").write_bytes(b"audio one")
    product, other = _product(tmp_path / "a"), _product(tmp_path / "b")
    (other / "coach" / "rule.py").write_text("BEAM = 1\n")
    runs: list[str] = []

    def analyze(cmd, **_):  # noqa: ANN001, ANN003, ANN202
        runs.append(cmd[cmd.index("--events") + 1])
        Path(runs[-1]).write_text('{"type": "call.end"}\n')

    monkeypatch.setattr(variants.subprocess, "run", analyze)
    assert variants.analyse(name, out, product) == [{"type": "call.end"}]
    variants.analyse(name, out, product)
    assert len(runs) == 1  # the same audio and product: reused
    variants.analyse(name, out, other)
    assert len(runs) == 2  # another product
    (product / "models" / "head.json").write_text('{"w": 2}\n')
    variants.analyse(name, out, product)
    assert len(runs) == 3  # a head refitted
    (out / "render" / f"{name}.flac").write_bytes(b"audio two")
    variants.analyse(name, out, product)
    assert len(runs) == 4  # re-rendered
    assert len(set(runs)) == 4
