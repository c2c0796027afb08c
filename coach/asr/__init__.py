"""Local streaming transcription of both call lanes with faster-whisper.

Entry points: :class:`coach.asr.stage.TranscriptionStage` (streaming, per call),
:func:`coach.asr.transcribe.transcribe_call` (whole call), :func:`coach.asr.engine.get_engine`
(the shared model), :func:`coach.asr.models.install_base`, :func:`coach.asr.rate.rate_wpm`.
Importing this package loads no model.
"""

from coach.asr.config import AsrConfig, GuardConfig
from coach.asr.models import ModelMissing

__all__ = ["AsrConfig", "GuardConfig", "ModelMissing"]
