"""Language nudges from transcripts (the committed words of partials, and finals): positive wording,
no "calm down", mirroring, acknowledging feelings, not over-apologising, pace, and closing with
"anything else?". Pure and synchronous; which rule reads which words is in :mod:`coach.language.coach`."""

from coach.language.coach import LanguageCoach
from coach.language.config import LanguageConfig, load_language_config
from coach.language.mirror import mirror_line, turn_pronouns

__all__ = ["LanguageCoach", "LanguageConfig", "load_language_config", "mirror_line", "turn_pronouns"]
