"""Issue 11, session 33 helper A28: the pack hand-over switches as ``[asr]`` settings, and the alignment the
streaming-WER diagnosis (``scripts/bench_asr_wer_causes.py``) counts its errors with. Cheap, no model."""

from __future__ import annotations

import sys
from pathlib import Path

from coach.asr import scheduler as scheduler_module
from coach.asr.config import AsrConfig
from coach.config import load_config

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from bench_asr_capacity_sim import variant  # noqa: E402
from bench_asr_wer_causes import align, wrong_words  # noqa: E402


def test_early_delivery_and_the_neighbours_check_are_asr_settings_with_one_source(tmp_path):
    shipped = load_config().asr
    assert (shipped.early_delivery, shipped.verify_by_neighbour) == (True, False)
    assert (AsrConfig().early_delivery, AsrConfig().verify_by_neighbour) == (True, False)
    path = tmp_path / "site.toml"
    path.write_text("[asr]\nearly_delivery = false\nverify_by_neighbour = true\n")
    site = load_config(path).asr
    assert (site.early_delivery, site.verify_by_neighbour) == (False, True)
    # no second source left in the scheduler module
    assert not hasattr(scheduler_module, "EARLY_DELIVERY") and not hasattr(scheduler_module, "VERIFY_BY_NEIGHBOUR")


def test_the_simulations_session_32_keys_set_the_settings():
    _, config, _, flags = variant("v:early=false,verify=true,solo=1.4,cores=1.4")
    assert (config.early_delivery, config.verify_by_neighbour) == (False, True) and flags == {"promote": True}
    _, config, _, _ = variant("w:early_delivery=false")
    assert not config.early_delivery and not config.verify_by_neighbour


def test_the_causes_alignment_counts_substitutions_deletions_and_insertions():
    ref = ["so", "my", "fellow", "americans", "ask", "not"]
    hyp = ["so", "i", "fellow", "americans", "ask", "not", "now"]
    wrong, inserted, match = wrong_words(ref, hyp)
    assert wrong == [False, True, False, False, False, False]
    assert inserted == [5] and match[1] == 1
    wrong, inserted, match = wrong_words(ref, ["so", "fellow", "americans", "ask", "not"])
    assert wrong == [False, True, False, False, False, False] and match[1] is None and inserted == []
    assert align([], ["x"]) == [(None, 0)] and align(["x"], []) == [(0, None)]
