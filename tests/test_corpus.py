"""Every corpus file loads to what it should, or is refused with the right problems."""

from __future__ import annotations

import time

import pytest
from corpus.cases import CASES, INVALID, VALID

from langfang_metrics import config
from langfang_metrics.errors import DataValidationError
from langfang_metrics.observations import FRAME_COLUMNS, load_observations, validate_file


def _load(case, tmp_path, monkeypatch):
    for name, value in case.patch.items():
        monkeypatch.setattr(config, name, value)
    path = case.write(tmp_path)
    return path, load_observations


def test_corpus_is_big_enough():
    assert len(CASES) >= 45
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", VALID, ids=lambda c: c.name)
def test_valid_case_loads(case, tmp_path, monkeypatch):
    path, load = _load(case, tmp_path, monkeypatch)
    df = load(path)
    assert list(df.columns) == list(FRAME_COLUMNS)
    assert str(df["year"].dtype) == "int64" and str(df["value"].dtype) == "float64"
    assert len(df) == case.rows
    keyed = df.set_index(["indicator_id", "region", "year", "status"])
    for key, value in case.values.items():
        assert keyed.loc[key, "value"] == pytest.approx(value), key
    for key, note in case.notes.items():
        assert note in keyed.loc[key, "note"], key
    assert validate_file(path) == (len(df), df["indicator_id"].nunique())


@pytest.mark.parametrize("case", INVALID, ids=lambda c: c.name)
def test_invalid_case_is_refused(case, tmp_path, monkeypatch):
    path, load = _load(case, tmp_path, monkeypatch)
    started = time.perf_counter()
    with pytest.raises(DataValidationError) as info:
        load(path)
    assert time.perf_counter() - started < 5
    found = info.value.problems
    for row, column, text in case.problems:
        hits = [
            p for p in found
            if p.file == str(path) and p.row == row and p.column == column and text in p.message
        ]  # fmt: skip
        assert hits, f"expected ({row}, {column}, {text!r}) among:\n" + "\n".join(map(str, found))
    # every refusal is said in Chinese too (the command line prints it first)
    assert all(p.message_zh for p in found), [p.message for p in found if not p.message_zh]
    with pytest.raises(DataValidationError):
        validate_file(path)
