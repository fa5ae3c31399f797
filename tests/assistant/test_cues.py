"""Question cues: one data file, matched on folded text, read once per question."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant import cues
from assistant.gates import kinds
from assistant.query import analyze
from ingest import textnorm

QUESTIONS = Path(__file__).resolve().parents[2] / "evals" / "questions"


def _questions() -> list[str]:
    out = []
    for path in sorted(QUESTIONS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            out += [row["question"]] if row.get("question") else [t["question"] for t in row.get("turns", [])]
    return out


def test_every_group_names_its_source_and_kinds_match_the_gate():
    groups = cues.load()
    assert all(c.source for c in groups.values())
    asked = {name[len("asks_") :] for name in groups if name.startswith("asks_")}
    assert asked == set(kinds.KINDS)


def test_a_question_typed_without_diacritics_asks_the_same():
    """Every question of the sets, folded, asks for the same kinds, lists and numbers as typed;
    only the `as_written` cues (words whose folded form is another word) may differ."""
    number = cues.cue("wants_number").as_written
    for question in _questions():
        typed, folded = analyze(question), analyze(textnorm.fold(question))
        assert typed.asks == folded.asks, question
        assert typed.wants_list == folded.wants_list, question
        if not number.search(textnorm.fold(question)):  # "máy" folds to "may": left out
            assert typed.wants_number == folded.wants_number, question


def test_as_written_cues_keep_their_other_words_apart():
    # "họ" (they) points back; "hồ sơ" (a file) does not, though both fold to "ho"
    assert cues.match("refers_back", "Họ phải làm gì tiếp theo?")
    assert not cues.match("refers_back", "Hồ sơ đảng viên gồm những gì?")
    # "mấy" asks for a number; "bộ máy" (apparatus) does not
    assert analyze("Chi bộ họp mấy lần một tháng?").wants_number
    assert not analyze("Tổ chức bộ máy của đảng bộ gồm những gì?").wants_number


def test_the_query_carries_what_the_question_asks():
    q = analyze("Chi bộ được quyết định những hình thức nào đối với đảng viên?")
    assert "list" in q.asks and q.wants_list and q.procedural and q.subject == "chi bo"
    q = analyze("thoi han xet cong nhan dang vien chinh thuc la bao lau")
    assert "duration" in q.asks and q.wants_number and q.folded.startswith("thoi han")


def test_a_cue_must_be_written_folded(tmp_path):
    bad = tmp_path / "cues.toml"
    bad.write_text("[x]\nfrom = 'test'\ncues = ['bao nhiêu']\n", encoding="utf-8")
    with pytest.raises(ValueError, match="folded"):
        cues.load.__wrapped__(bad)


def test_cut_removes_the_cue_from_the_question_as_typed():
    assert cues.cue("contrast_opening").cut("Còn đảng viên dự bị thì sao?") == "đảng viên dự bị thì sao?"
    assert cues.cue("contrast_ending").cut("đảng viên dự bị thì sao?") == "đảng viên dự bị "
