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


def articles(sources: list[Path], out: Path, per_file: str = "clause") -> Path:
    """A folder of many short official texts made from real ones: every article (or clause)
    of the official texts in `sources` as a file of its own, headed by its document and section,
    like a library of law articles. Made at benchmark time from the user's folder; nothing of
    it is kept in the repository.

    `per_file`: "clause" (one file per khoản / numbered item) or "article" (per Điều / top item)."""
    from ingest.official import read_official

    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    n = 0
    for src in sources:
        for f in sorted(Path(src).iterdir()) if Path(src).is_dir() else [Path(src)]:
            if f.suffix.lower() not in (".md", ".txt", ".pdf", ".docx"):
                continue
            if f.suffix.lower() == ".pdf":
                from pypdf import PdfReader

                pages = [p.extract_text() or "" for p in PdfReader(str(f)).pages]
            elif f.suffix.lower() == ".docx":
                pages = [load(f).text]
            else:
                pages = [f.read_text(encoding="utf-8", errors="replace")]
            doc = read_official(pages)
            if doc is None:
                continue
            title = doc.meta().get("title") or f.stem
            groups: dict[str, list[str]] = {}
            for b in doc.structure.blocks:
                if not b.path or b.path[0].kind in ("preamble", "closing"):
                    continue
                depth = next((i for i, lab in enumerate(b.path) if lab.kind in ("dieu", "item")), 0)
                key_path = b.path[: depth + (2 if per_file == "clause" else 1)]
                groups.setdefault(str([(lab.kind, lab.value) for lab in key_path]), []).append(b.text)
            for texts in groups.values():
                n += 1
                (out / f"{n:04d}.txt").write_text(f"{title}\n\n" + "\n".join(texts) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    import sys

    articles([Path(p) for p in sys.argv[2:]], Path(sys.argv[1]))
    print(f"{len(list(Path(sys.argv[1]).iterdir()))} files in {sys.argv[1]}")
