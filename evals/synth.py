"""A deterministic synthetic library of any size, recombined from the bundled documents.

Each synthetic document is a title and numbered sections; a section is a heading taken from
the bundled documents and two to five of their sentences, drawn at random (fixed seed), with
place names and numbers varied, so no two chunks are the same text. The five bundled
documents are always included unchanged, so the dev questions still have their answers.
Documents are generated in a fixed order: the corpus for a smaller size is a prefix of the
corpus for a larger one, which lets the vector cache serve the smaller size's texts.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

from ingest.loaders import SUPPORTED, load
from ingest.settings import CORPUS_DIR
from ingest.textnorm import sentence_spans

PLACES = (
    "An Giang", "Bắc Ninh", "Cà Mau", "Cao Bằng", "Đắk Lắk", "Điện Biên", "Đồng Nai", "Đồng Tháp",
    "Gia Lai", "Hà Nội", "Hà Tĩnh", "Hải Phòng", "Huế", "Hưng Yên", "Khánh Hòa", "Lai Châu",
    "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Nghệ An", "Ninh Bình", "Phú Thọ", "Quảng Ngãi", "Quảng Ninh",
    "Quảng Trị", "Sơn La", "Tây Ninh", "Thái Nguyên", "Thanh Hóa", "Cần Thơ", "Đà Nẵng", "Tuyên Quang",
    "Vĩnh Long", "Thành phố Hồ Chí Minh",
)  # fmt: skip
_KNOWN_PLACES = re.compile(r"Vĩnh Yên|Vĩnh Phúc|Hà Tĩnh|Tuyên Quang|Ia Pa|Gia Lai|Bến Nghé|Quận 1")
_NUMBER = re.compile(r"(?<![\d/.-])\d{2,3}(?![\d/-])")
SECTIONS_PER_DOC = 10


def _pools() -> tuple[list[str], list[str]]:
    """(sentences, headings) of the bundled documents."""
    sentences: list[str] = []
    headings: list[str] = []
    for f in sorted(CORPUS_DIR.iterdir()):
        if f.suffix.lower() not in SUPPORTED:
            continue
        loaded = load(f)
        heads = set(loaded.headings)
        headings += [h for h in loaded.headings if 8 <= len(h) <= 120]
        for start, end in sentence_spans(loaded.text):
            s = loaded.text[start:end].strip()
            if s not in heads and 40 <= len(s) <= 400:
                sentences.append(s)
    return list(dict.fromkeys(sentences)), list(dict.fromkeys(headings))


def _vary(sentence: str, rng: random.Random) -> str:
    sentence = _KNOWN_PLACES.sub(lambda _m: rng.choice(PLACES), sentence)
    return _NUMBER.sub(lambda m: str(max(2, int(m.group()) + rng.randint(-9, 9))), sentence)


def documents(n_docs: int, seed: int = 7):
    """Yield (file name, text) for synthetic documents 0..n_docs-1, the same for every call."""
    sentences, headings = _pools()
    for i in range(n_docs):
        rng = random.Random(f"{seed}:{i}")
        place = rng.choice(PLACES)
        lines = [f"Tổng hợp kinh nghiệm sinh hoạt chi bộ ở {place} (tập {i + 1})", ""]
        for _ in range(SECTIONS_PER_DOC):
            head = re.sub(r"^[\dIVX.\s]+", "", rng.choice(headings)).strip() or "Nội dung"
            lines.append(f"{head[0].upper()}{head[1:]}".rstrip(".:;!?"))
            body: list[str] = []
            while sum(len(b) for b in body) < rng.randint(200, 440):
                body.append(_vary(rng.choice(sentences), rng))
            lines += [" ".join(body), ""]
        yield f"tong-hop-{i:05d}.txt", "\n".join(lines)


def docs_for_chunks(n_chunks: int) -> int:
    """Synthetic documents for about `n_chunks` chunks (one per section, about one more)."""
    return max(1, round(n_chunks / (SECTIONS_PER_DOC + 1)))


def build(n_chunks: int, out: Path, seed: int = 7) -> Path:
    """Write the bundled documents and enough synthetic ones for ~n_chunks into `out`."""
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    (out / "synthetic").mkdir(parents=True)
    for f in sorted(CORPUS_DIR.iterdir()):
        if f.suffix.lower() in SUPPORTED:
            shutil.copy2(f, out / f.name)
    for name, text in documents(docs_for_chunks(n_chunks), seed):
        (out / "synthetic" / name).write_text(text, encoding="utf-8")
    return out
