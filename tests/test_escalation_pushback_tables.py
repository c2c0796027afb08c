"""The escalation stage reads the call's own pushback families (issue 10, session 54; helper R19's read of E64).

``agent_pushback_undamps`` hears an agent final that refuses, cites a rule or puts the blame elsewhere by the
``positive_language`` phrase families (:func:`coach.classify.pushback.pushes_back`). A site's ``[language]``
settings are the ones the language coach nudges by; the analyser hands the stage the same tables (as it does the
calm-down ones), so a site that edits a family coaches and escalates on one table. A stage built without them reads
the packaged tables. Text level and one analyser built; no audio."""

from __future__ import annotations

import dataclasses

from coach.classify.escalation import EscalationConfig
from coach.classify.pushback import packaged_positive_language, pushback_rule, pushes_back
from coach.classify.stage import EscalationStage
from coach.config import load_config
from coach.language.config import load_language_config
from coach.pipeline.analyzer import CallAnalyzer

SITE_ONLY = "Kindly fold your flamingo, sir."
PACKAGED_ONLY = "Without the permit, the charge stands, end of story."


def _site():
    """Language settings whose only pushback family is a phrase no packaged family holds."""
    family = {"family": "policy", "match": ["fold your flamingo"], "text": "Own it.", "rephrase": "What I can do is"}
    return load_language_config(overrides={"positive_language": {"phrases": [family]}})


def _pushed_by(stage: EscalationStage, text: str) -> bool:
    stage.hear_agent({"speaker": "agent", "final": True, "t": 5.0, "text": text})
    return stage._tracker._pushed_back_next > 0  # noqa: SLF001


def test_the_rule_is_built_from_the_settings_it_is_given() -> None:
    site = pushback_rule(_site())
    assert pushes_back(SITE_ONLY, site) and not pushes_back(PACKAGED_ONLY, site)
    assert pushes_back(PACKAGED_ONLY, packaged_positive_language()) and not pushes_back(SITE_ONLY)


def test_the_stage_reads_the_tables_it_is_given_else_the_packaged_ones() -> None:
    cfg = EscalationConfig()
    rule = pushback_rule(_site())
    assert _pushed_by(EscalationStage(cfg, pushback=rule), SITE_ONLY)
    assert not _pushed_by(EscalationStage(cfg, pushback=rule), PACKAGED_ONLY)
    assert _pushed_by(EscalationStage(cfg), PACKAGED_ONLY)
    assert not _pushed_by(EscalationStage(cfg), SITE_ONLY)


def test_the_analyser_gives_the_stage_its_configs_pushback_tables() -> None:
    config = dataclasses.replace(load_config(), language=_site())
    assert _pushed_by(CallAnalyzer(config)._escalation, SITE_ONLY)  # noqa: SLF001
    assert not _pushed_by(CallAnalyzer(config)._escalation, PACKAGED_ONLY)  # noqa: SLF001
