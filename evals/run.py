"""`chibo eval`: run question sets against an index, several configurations side by side."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from assistant.retrieval import Fusion, Mode, RetrievalConfig
from evals import metrics as M
from evals.questions import SPLITS, Question, conversation_turns, is_bank_file, load_question_file
from ingest import textnorm
from ingest.errors import ChiboError
from ingest.settings import CORPUS_DIR, Settings

# Named configurations. `default` is what the product ships.
CONFIGS: dict[str, RetrievalConfig | None] = {
    "default": RetrievalConfig(),
    "bm25-words": RetrievalConfig(mode=Mode.BM25, tokenizer="words"),
    "bm25-syllables": RetrievalConfig(mode=Mode.BM25, tokenizer="syllables"),
    "dense": RetrievalConfig(mode=Mode.DENSE),
    # the "dense + BM25 RRF" baseline: word-segmented BM25, RRF k=60, equal weights
    "hybrid-words-rrf": RetrievalConfig(tokenizer="words", fusion=Fusion.RRF, rrf_k=60, dense_weight=1.0),
    "hybrid-words-minmax": RetrievalConfig(tokenizer="words", fusion=Fusion.MINMAX, dense_weight=1.0),
    "hybrid-syllables-minmax": RetrievalConfig(fusion=Fusion.MINMAX, dense_weight=1.0),
    "hybrid-syllables-rrf60": RetrievalConfig(rrf_k=60, dense_weight=1.0),
    "naive-langchain": None,  # RecursiveCharacterTextSplitter 1000/200 + langchain-chroma, top chunk
    # the product's retrieval with the experimental outline planner (assistant.outline.plan)
    "outline-plan": RetrievalConfig(),
    # the drafter before the governing Charter clauses were quoted first: sentences by their
    # words in common with the topic (the baseline of issue 24)
    "outline-overlap": RetrievalConfig(),
}
# How each configuration drafts outlines (assistant.outline.OutlineDrafter's strategy).
OUTLINE_STRATEGY = {"outline-plan": "plan", "outline-overlap": "overlap"}


def custom_config(spec: str) -> RetrievalConfig:
    """`custom:tokenizer=syllables;fusion=rrf;dense_weight=0.7;rrf_k=30` → a RetrievalConfig."""
    kwargs: dict = {}
    for part in spec.split(":", 1)[1].split(";"):
        if not part.strip():
            continue
        key, _, val = part.partition("=")
        key, val = key.strip(), val.strip()
        if key == "mode":
            kwargs[key] = Mode.from_str(val)
        elif key == "fusion":
            kwargs[key] = Fusion.from_str(val)
        elif key in ("rrf_k", "candidates", "max_per_doc"):
            kwargs[key] = int(val)
        elif key in ("bm25_weight", "dense_weight", "mention_weight"):
            kwargs[key] = float(val)
        elif key == "tokenizer":
            kwargs[key] = val
        else:
            raise ChiboError(f"Không có tham số '{key}' trong cấu hình {spec}.")
    return RetrievalConfig(**kwargs)


def parse_configs(value: str) -> list[str]:
    names = [c.strip() for c in value.split(",") if c.strip()]
    for n in names:
        if n.startswith("custom:"):
            CONFIGS[n] = custom_config(n)
    unknown = [n for n in names if n not in CONFIGS]
    if unknown:
        raise ChiboError(f"Không có cấu hình '{unknown[0]}'. Các cấu hình: {', '.join(CONFIGS)}.")
    return names


@dataclass
class Row:
    """One question under one configuration."""

    question: Question
    retrieved_texts: list[str]
    answer: str
    refused: bool
    citation_numbers: list[int]
    timings_ms: dict
    outline: dict | None = None
    choice: int | None = None  # multiple choice: the option picked (None: not enough evidence)
    rewritten: bool | None = None  # a conversation turn: was it rewritten from the previous one

    def to_json(self) -> dict:
        q = self.question
        rank = M.first_hit_rank(self.retrieved_texts, q.evidence) if q.evidence else None
        return {
            "id": q.id,
            "type": q.type,
            "split": q.split,
            "question": q.text,
            "first_hit_rank": rank,
            "refused": self.refused,
            "should_refuse": q.should_refuse,
            "keyword_recall": M.keyword_recall(self.answer, q.answer_must_include) if q.type != "outline" else None,
            "citation_validity": M.citation_validity(self.answer, self.citation_numbers),
            "answer_words": M.answer_words(self.answer),
            "answer": self.answer,
            "choice": self.choice,
            "correct_choice": q.answer,
            "rewritten": self.rewritten,
            "expect_rewritten": q.expect_rewritten,
            "heading": q.heading,
            "kinds": q.kinds,
            "timings_ms": self.timings_ms,
            "outline": self.outline,
        }


def summarize(rows: list[Row]) -> dict:
    """Aggregate metrics for one configuration."""
    retrieval = [r for r in rows if r.question.in_scope and r.question.evidence]
    ranks = [M.first_hit_rank(r.retrieved_texts, r.question.evidence) for r in retrieval]
    out: dict = {"questions": len(rows), "retrieval_questions": len(retrieval)}
    for k in M.KS:
        out[f"hit@{k}"] = M.mean([M.hit_at(rank, k) for rank in ranks])
    out["mrr@10"] = M.mean([M.reciprocal_rank(rank, 10) for rank in ranks])
    out["ndcg@10"] = M.mean([M.ndcg_at(r.retrieved_texts, r.question.evidence, 10) for r in retrieval])
    answered = [r for r in rows if r.question.type not in ("outline", "mcq")]
    out["keyword_recall"] = M.mean(
        [M.keyword_recall(r.answer, r.question.answer_must_include) for r in answered if r.question.in_scope]
    )
    refuse = [r for r in answered if r.question.should_refuse]
    keep = [r for r in answered if not r.question.should_refuse]
    out["refusal_accuracy"] = M.mean([1.0 if r.refused else 0.0 for r in refuse])
    out["false_refusal_rate"] = M.mean([1.0 if r.refused else 0.0 for r in keep])
    # An answer to a question the library does not answer, or no answer at all: both wrong.
    out["wrong_answers"] = sum(1 for r in refuse if not r.refused)
    out["false_refusals"] = sum(1 for r in keep if r.refused)
    out["citation_validity"] = M.mean([M.citation_validity(r.answer, r.citation_numbers) for r in answered])
    out["answer_words_mean"] = M.mean([float(M.answer_words(r.answer)) for r in answered if not r.refused])
    mcq = M.choice_stats([(r.choice, r.question.answer) for r in rows if r.question.type == "mcq"])
    out["mcq_questions"] = mcq["questions"]
    out["mcq_accuracy"] = mcq["accuracy"]
    out["mcq_wrong"] = mcq["wrong"]
    out["mcq_abstained"] = mcq["abstained"]
    turns = [r for r in rows if r.question.expect_rewritten is not None]
    out["rewrite_accuracy"] = M.mean([1.0 if bool(r.rewritten) == r.question.expect_rewritten else 0.0 for r in turns])
    outlines = [r.outline for r in rows if r.outline]
    out["outline_coverage"] = M.mean([o["coverage"] for o in outlines])
    out["outline_cited_passages_min"] = min((o["cited_passages"] for o in outlines), default=None)
    out["outline_cited_documents_min"] = min((o["cited_documents"] for o in outlines), default=None)
    out["outline_sections_present"] = M.mean([o["sections_present"] for o in outlines])
    gold = [o for o in outlines if o.get("recall") is not None]
    out["outline_recall"] = M.mean([o["recall"] for o in gold])
    out["outline_on_topic"] = M.mean([o["on_topic"] for o in gold if o["on_topic"] is not None])
    out["outline_news_in_basis"] = sum(o["news_in_basis"] for o in gold) if gold else None
    out["outline_ms_p50"] = M.percentile([o["ms"] for o in outlines if o.get("ms") is not None], 50)
    for stage in ("retrieve", "answer", "total"):
        vals = [r.timings_ms.get(stage) for r in rows if r.timings_ms.get(stage) is not None]
        out[f"{stage}_ms_p50"] = M.percentile(vals, 50)
        out[f"{stage}_ms_p95"] = M.percentile(vals, 95)
    return out


NO_HEADING = "(no heading)"


def mcq_breakdown(rows: list[Row]) -> dict:
    """Multiple choice by the bank's heading and by kind of difficulty (a question of several
    kinds counts under each), each group with its tune and held halves:
    {"heading": {name: {"all": stats, "tune": stats, "held": stats}}, "kind": {…}}; stats as
    `metrics.choice_stats`. Empty when the set has no multiple-choice question."""
    mcq = [r for r in rows if r.question.type == "mcq"]
    if not mcq:
        return {}
    groups: dict[str, dict[str, list[Row]]] = {"heading": {}, "kind": {}}
    for r in mcq:
        groups["heading"].setdefault(r.question.heading or NO_HEADING, []).append(r)
        for kind in r.question.kinds:
            groups["kind"].setdefault(kind, []).append(r)
    out: dict = {}
    for by, named in groups.items():
        if by == "heading" and list(named) == [NO_HEADING]:
            continue  # a set without headings: the overall figures say it all
        out[by] = {}
        for name, members in named.items():
            cells = {"all": M.choice_stats([(r.choice, r.question.answer) for r in members])}
            for split in SPLITS:
                part = [(r.choice, r.question.answer) for r in members if r.question.split == split]
                if part:
                    cells[split] = M.choice_stats(part)
            out[by][name] = cells
    return {k: v for k, v in out.items() if v}


# ---- runners ----------------------------------------------------------------------------
def run_product(
    questions: list[Question],
    settings: Settings,
    config: RetrievalConfig,
    top_k: int,
    tick=None,
    outline_strategy: str | None = None,
) -> list[Row]:
    from assistant.outline import OutlineDrafter
    from assistant.outline.draft import DEFAULT_STRATEGY
    from assistant.service import Assistant

    assistant = Assistant(settings, config, log=False)
    assistant.warm()
    # Every question is embedded as a new one would be (no vector from memory or the cache), as
    # in the naive pipeline: latency is measured the same way for every configuration.
    vectors = assistant.retriever.vectors
    vectors.persist = False
    drafter = OutlineDrafter(assistant.retriever, gate=assistant.gate, strategy=outline_strategy or DEFAULT_STRATEGY)
    documents = list(assistant.retriever.library.documents().values())
    rows = []
    for q in questions:
        history: list[tuple[str, str]] = []
        for turn_q in conversation_turns(q) if q.type == "conversation" else [q]:
            vectors.forget()
            turn = assistant.ask(
                turn_q.text, history=history, top_k=top_k, qid=turn_q.id, options=turn_q.options or None
            )
            history.append((turn.question, turn.rewritten_query))
            row = Row(
                turn_q,
                [h.chunk.text for h in turn.hits],
                turn.answer.text,
                turn.answer.refused,
                [c.n for c in turn.answer.citations],
                turn.timings_ms,
                choice=turn.answer.choice,
                rewritten=turn.rewritten if q.type == "conversation" else None,
            )
            if q.type == "outline":
                row.outline = outline_metrics(drafter.draft(q.text), q, documents)
            rows.append(row)
        if tick:
            tick()
    return rows


def outline_metrics(outline, q: Question, documents=()) -> dict:
    """Coverage of `outline_must_cover`, distinct cited passages and documents, sections present;
    with gold provisions (`expect`, `allow`), `provision_metrics`."""
    from assistant.outline import REQUIRED_SECTIONS

    md = outline.markdown()
    present = [s for s in REQUIRED_SECTIONS if any(s in sec.heading for sec in outline.sections)]
    return provision_metrics(outline, q, documents) | {
        "coverage": M.keyword_recall(md, q.outline_must_cover) if q.outline_must_cover else None,
        "cited_passages": len(outline.citations),
        "cited_documents": len({c.doc_id for c in outline.citations}),
        "sections_present": len(present) / len(REQUIRED_SECTIONS),
        "warnings": outline.warnings,
        "ms": outline.timings_ms.get("total"),
    }


def provision_metrics(outline, q: Question, documents) -> dict:
    """Judged by section membership, never by words:
    - `recall`: share of `expect` provisions quoted somewhere in the outline (a quotation whose
      document is the provision's and whose section path lies inside it);
    - `on_topic`: share of the quotations of official texts whose section lies inside an
      `expect` or `allow` provision (news reports are examples, labelled so, and not judged here);
    - `news_in_basis`: quotations of news reports under the part for the Party's rules;
    - `missed`, `off_topic`: what was not quoted, and what was quoted off the topic."""
    from assistant.retrieval.provisions import is_charter
    from evals.gold import document_for
    from ingest.structure import matches

    if not q.expect:
        return {"recall": None, "on_topic": None, "news_in_basis": 0}
    by_n = {c.n: c for c in outline.citations}
    docs = {d.doc_id: d for d in documents}
    quotes = []  # (part, citation)
    for sec in outline.sections:
        for item in sec.items:
            if item.source == "corpus":
                quotes += [(sec.key, by_n[n]) for n in item.citations if n in by_n]

    def resolve(entries):
        out = []
        for e in entries:
            d = document_for(e["doc"], documents)
            out.append((d.doc_id if d else None, e["section"], f"{e['doc']} {e['section']}"))
        return out

    expect, allow = resolve(q.expect), resolve(q.allow)

    def inside(c, entries) -> bool:
        return any(doc_id == c.doc_id and matches(section, c.section) for doc_id, section, _ in entries)

    official = [(part, c) for part, c in quotes if docs.get(c.doc_id) is None or docs[c.doc_id].kind != "news"]
    missed = [
        name for doc_id, section, name in expect if not any(inside(c, [(doc_id, section, name)]) for _, c in official)
    ]
    off = [f"{c.title} ({c.section})" for _, c in official if not inside(c, expect + allow)]
    # the Charter's provisions expected, quoted (`charter_recall`), and its articles, quoted in any
    # of their clauses (`charter_articles`: what a trainer cites first)
    article = re.compile(r"Điều (\d+)")
    charter = {doc_id for doc_id, d in docs.items() if is_charter(d)}
    wanted = {
        (doc_id, m.group(1)) for doc_id, section, _ in expect if doc_id in charter and (m := article.search(section))
    }
    quoted = {(c.doc_id, m.group(1)) for _, c in official if (m := article.search(c.section or ""))}
    charter_expect = [name for doc_id, _, name in expect if doc_id in charter]
    return {
        "recall": 1 - len(missed) / len(expect),
        "charter_recall": 1 - len(set(missed) & set(charter_expect)) / len(charter_expect) if charter_expect else None,
        "charter_articles": len(wanted & quoted) / len(wanted) if wanted else None,
        "on_topic": 1 - len(off) / len(official) if official else None,
        "news_in_basis": sum(1 for part, c in quotes if part == "basis" and c.kind == "news"),
        "official_quotes": len(official),
        "missed": missed,
        "off_topic": off,
    }


def naive_files(paths: list[Path]) -> list[Path]:
    from ingest.pipeline import collect

    files, _ = collect(paths)
    return files


def naive_text(f: Path, decode_text) -> str:
    """What the usual loaders give: a PDF's text layer page after page (PyPDFLoader), other
    files' bytes decoded (TextLoader)."""
    if f.suffix.lower() == ".pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(str(f)).pages)
    return decode_text(f.read_bytes(), f)


def build_naive(paths: list[Path], settings: Settings, work: Path):
    """The baseline people build first: split raw files 1000/200, langchain-chroma, same embedder."""
    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from assistant.lc import ChiboEmbeddings
    from ingest.embedders import VectorCache
    from ingest.loaders import decode_text

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    docs = []
    for f in naive_files(paths):
        try:
            text = naive_text(f, decode_text)
        except Exception:
            continue
        for i, piece in enumerate(splitter.split_text(text)):
            docs.append(Document(page_content=piece, metadata={"source": str(f), "i": i}))
    embeddings = ChiboEmbeddings(settings.embedder, VectorCache(settings.cache_dir / "vectors.db"))
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    client = chromadb.PersistentClient(
        path=str(work / "naive-chroma"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    store = Chroma(
        collection_name="naive",
        embedding_function=embeddings,
        client=client,
        collection_metadata={"hnsw:space": "cosine"},
    )
    for i in range(0, len(docs), 256):
        store.add_documents(docs[i : i + 256], ids=[f"n{j}" for j in range(i, min(i + 256, len(docs)))])
    return store, len(docs)


def run_naive(questions: list[Question], store, top_k: int, tick=None) -> list[Row]:
    rows = []
    store.embeddings.cache = None  # questions are embedded every time, as for the product
    store.similarity_search("khởi động", k=1)  # warm
    for q in questions:
        for turn_q in conversation_turns(q) if q.type == "conversation" else [q]:
            t0 = time.perf_counter()
            docs = store.similarity_search(turn_q.text, k=top_k)
            t1 = time.perf_counter()
            answer = docs[0].page_content if docs else ""
            rows.append(
                Row(
                    turn_q,
                    [d.page_content for d in docs],
                    answer,
                    False,
                    [],
                    {"retrieve": (t1 - t0) * 1000, "answer": 0.0, "total": (t1 - t0) * 1000},
                    choice=naive_choice(turn_q.options, answer) if turn_q.options else None,
                    rewritten=False if q.type == "conversation" else None,
                )
            )
        if tick:
            tick()
    return rows


def naive_choice(options: list[str], passage: str) -> int:
    """The baseline's pick: the option sharing most words with the top passage."""
    have = set(textnorm.syllables(passage))
    return max(range(len(options)), key=lambda i: len(set(textnorm.syllables(options[i])) & have))


def resolve_gold(questions: list[Question], index) -> list[str]:
    """Fill `evidence` of questions (and conversation turns) that name a doc and section with
    the sentences the index holds there; report those whose section is not found."""
    from evals.gold import gold_sentences

    documents, chunks = index.documents(), index.chunks()
    problems = []
    for q in questions:
        targets = [q] if q.type != "conversation" else []
        for t in targets:
            if t.doc and t.section and not t.evidence:
                t.evidence = gold_sentences(t.doc, t.section, documents, chunks)
                if not t.evidence:
                    problems.append(f"{t.id}: không tìm thấy {t.doc}, {' / '.join(t.section)} trong chỉ mục")
        for i, turn in enumerate(q.turns):
            if turn.get("doc") and turn.get("section") and not turn.get("evidence"):
                turn["evidence"] = gold_sentences(turn["doc"], turn["section"], documents, chunks)
                if not turn["evidence"]:
                    problems.append(f"{q.id}.{i + 1}: không tìm thấy {turn['doc']}, {turn['section']} trong chỉ mục")
    return problems


def eval_index(settings: Settings, extra: list[Path]) -> Settings:
    """With extra folders (distractors), a dedicated index of corpus/ plus them, built incrementally."""
    if not extra:
        return settings
    from ingest.pipeline import ingest

    key = hashlib.sha1("|".join(sorted(str(p.resolve()) for p in extra)).encode()).hexdigest()[:10]
    target = settings.with_(index_dir=settings.home / "eval-indexes" / key)
    print(f"Chỉ mục đánh giá: {target.index} (corpus/ + {', '.join(map(str, extra))})", file=sys.stderr)
    report = ingest(
        [CORPUS_DIR, *extra],
        target,
        on_progress=lambda n, t: print(f"\r  {n}/{t} tệp", end="", file=sys.stderr) if n % 50 == 0 else None,
    )
    print(
        f"\n  {report.total_chunks} đoạn, {report.embedded} đoạn mới được nhúng, {report.seconds:.0f} s",
        file=sys.stderr,
    )
    return target


def _load_for_eval(questions_path: Path) -> tuple[list[Question], list[str]]:
    """The question set and its problems, each problem reported on stderr; a bank file without a
    single keyed question is an error."""
    questions, problems = load_question_file(questions_path)
    for p in problems:
        if is_bank_file(questions_path):
            print(f"Ngân hàng câu hỏi {Path(questions_path).name}: {p}", file=sys.stderr)
        else:
            print(f"Bỏ qua dòng lỗi trong {questions_path}: {p}", file=sys.stderr)
    if not questions and is_bank_file(questions_path):
        raise ChiboError(f"Không có câu hỏi nào có đáp án để đánh giá trong {questions_path}.")
    return questions, problems


def _run_naive_config(questions: list[Question], settings: Settings, extra: list[Path], top_k: int, tick) -> list[Row]:
    """The naive-langchain baseline, built afresh over corpus/ and the extra folders."""
    base = (
        Path(settings.home)
        / "eval-naive"
        / hashlib.sha1("|".join(sorted(str(p) for p in [CORPUS_DIR, *extra])).encode()).hexdigest()[:10]
    )
    shutil.rmtree(base, ignore_errors=True)
    # A new folder each run: Chroma keeps one client per path in the process, and a second
    # run in the app (same process) would write through the first run's deleted database.
    work = base / uuid.uuid4().hex[:8]
    work.mkdir(parents=True)
    store, n_chunks = build_naive([CORPUS_DIR, *extra], settings, work)
    return run_naive(questions, store, top_k, tick)


def _config_report(rows: list[Row], t0: float) -> dict:
    """One configuration's part of the report: metrics (with the seconds since `t0`), the
    metrics per split, every question's row and the multiple-choice breakdown when there is one."""
    summary = summarize(rows)
    summary["seconds"] = time.perf_counter() - t0
    splits = {split: summarize([r for r in rows if r.question.split == split]) for split in SPLITS}
    entry = {
        "metrics": summary,
        "splits": {k: v for k, v in splits.items() if v["questions"]},
        "questions": [r.to_json() for r in rows],
    }
    breakdown = mcq_breakdown(rows)
    if breakdown:
        entry["mcq_breakdown"] = breakdown
    return entry


def _print_summary(name: str, summary: dict) -> None:
    print(
        f"  {name}: "
        + "  ".join(
            f"{label} {'–' if summary[key] is None else format(summary[key], '.3f')}"
            for label, key in (
                ("hit@1", "hit@1"),
                ("hit@5", "hit@5"),
                ("MRR@10", "mrr@10"),
                ("từ chối đúng", "refusal_accuracy"),
                *(
                    (("trắc nghiệm đúng", "mcq_accuracy"), ("sai", "mcq_wrong"), ("không chọn", "mcq_abstained"))
                    if summary["mcq_questions"]
                    else ()
                ),
            )
        ),
        file=sys.stderr,
    )


def evaluate(
    questions_path: Path,
    settings: Settings,
    configs: list[str],
    top_k: int = 10,
    extra: list[Path] | None = None,
    out: Path | None = None,
    log: bool = True,
    on_progress=None,
) -> dict:
    """Run every configuration on the question set; `on_progress(done, total, config)` after each
    question (total counts every configuration's questions)."""
    questions, problems = _load_for_eval(questions_path)
    extra = list(extra or [])
    settings = eval_index(settings, extra)
    from ingest.store import Index

    index = Index.from_settings(settings)  # a clear error when there is no index (and the server's, if set)
    problems += resolve_gold(questions, index)
    index.close()
    report: dict = {
        "questions_file": str(questions_path),
        "index": str(settings.index),
        "extra": [str(p) for p in extra],
        "problems": problems,
        "configs": {},
        "created": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    total, done = len(questions) * len(configs), 0

    def ticker(name: str):
        def tick() -> None:
            nonlocal done
            done += 1
            if on_progress:
                on_progress(done, total, name)

        return tick

    for name in configs:
        t0 = time.perf_counter()
        if name == "naive-langchain":
            rows = _run_naive_config(questions, settings, extra, top_k, ticker(name))
        else:
            rows = run_product(questions, settings, CONFIGS[name], top_k, ticker(name), OUTLINE_STRATEGY.get(name))
        report["configs"][name] = _config_report(rows, t0)
        _print_summary(name, report["configs"][name]["metrics"])
    if out:
        from evals.report import write_report

        write_report(report, Path(out))
    if log:
        from assistant.turnlog import TurnLog

        TurnLog(settings.log_db).record_eval(
            str(questions_path),
            str(settings.index),
            configs,
            {n: c["metrics"] for n, c in report["configs"].items()},
            str(out) if out else None,
        )
    return report


def cli(args, settings: Settings) -> int:
    from evals.report import markdown_table, mcq_markdown

    if args.history:
        from assistant.turnlog import TurnLog

        for run in TurnLog(settings.log_db).eval_runs():
            metrics = json.loads(run["metrics"])
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(run["created"]))
            best = ", ".join(f"{n}: MRR {m['mrr@10']:.3f}" for n, m in metrics.items() if m.get("mrr@10") is not None)
            print(f"#{run['id']} {when} {run['questions']} [{run['index_dir']}] {best}")
        return 0
    if not args.questions:
        raise ChiboError("Hãy chỉ tệp câu hỏi, ví dụ: chibo eval evals/questions/dev.jsonl")
    report = evaluate(args.questions, settings, parse_configs(args.configs), args.top_k, args.extra, args.out)
    print(markdown_table(report))
    mcq = mcq_markdown(report)
    if mcq:
        print("\n" + mcq)
    if args.out:
        print(f"\nĐã ghi báo cáo vào {args.out}/report.md, report.json và biểu đồ PNG.")
    return 0
