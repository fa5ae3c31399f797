"""The refusal signals: each one a check on the retrieved passages, with the reason it gives when it
fails and what it means in words (`explain`, Vietnamese, for logs and the evaluation page).

`AnswerabilityGate.check` runs `SIGNALS` in order and stops at the first that fails. A new signal
is a class here (or in its own module) and one line in `SIGNALS`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.query import Query
from ingest.model import Hit


@dataclass
class Context:
    """What every signal reads: the question, its passages and the measures already taken."""

    gate: object  # the AnswerabilityGate (its thresholds, retriever and helpers)
    q: Query
    hits: list[Hit]
    idf: dict[str, float]
    top: list[Hit]
    coverage: float
    dense_margin: float
    own: Query | None = None
    evidence: dict = field(default_factory=dict)


class Signal:
    """`check(ctx)` → (passes, evidence to record). `reason`: the refusal it gives."""

    name = ""
    reason = "no_evidence"
    explain = ""

    def check(self, ctx: Context) -> tuple[bool, dict]:  # pragma: no cover - every signal defines it
        raise NotImplementedError


class InScope(Signal):
    name, reason = "scope", "out_of_scope"
    explain = "Câu hỏi nằm ngoài phạm vi quản trị viên đặt cho trợ lý."

    def check(self, ctx):
        scope = ctx.gate.scope
        if scope is not None and not scope.allows(ctx.gate.retriever.embed_query(ctx.q.text)):
            return False, {"scope": False}
        return True, {}


class NotAboutNow(Signal):
    name, reason = "now", "not_current"
    explain = "Câu hỏi về hôm nay, hiện giờ mà không đoạn nào là tin mới."

    def check(self, ctx):
        gate = ctx.gate
        if gate.asks_about_now(ctx.q.raw) and not any(gate.recent(h) for h in ctx.top):
            return False, {"now": True}
        return True, {}


class Evidence(Signal):
    name = "evidence"
    explain = "Các đoạn đầu chứa đủ từ của câu hỏi, hoặc một phần và gần nghĩa hơn hẳn câu hỏi lạc đề."

    def check(self, ctx):
        return bool(ctx.top) and ctx.gate.passes(ctx.coverage, ctx.dense_margin, ctx.gate.thresholds), {}


class SectionsHeld(Signal):
    name = "sections"
    explain = "Điều, khoản câu hỏi nêu (ví dụ «Điều 60») có trong các đoạn tìm được."

    def check(self, ctx):
        q = ctx.q
        if q.sections and not any(ctx.gate.holds(h, q.sections) for h in ctx.gate.around(ctx.hits)):
            return False, {"sections": q.sections}
        return True, {}


class YearsHeld(Signal):
    name = "years"
    explain = "Năm câu hỏi nêu có trong đoạn văn, tiêu đề hoặc ngày của văn bản."

    def check(self, ctx):
        years = ctx.gate._years_not_found(ctx.q, ctx.hits)
        return (False, {"years": years}) if years else (True, {})


class NamesHeld(Signal):
    name = "names"
    explain = "Tên riêng câu hỏi nêu có trong các đoạn; nơi hỏi từ đó (ở Đà Nẵng) chỉ được nói rõ, không từ chối."

    def check(self, ctx):
        unnamed, where = ctx.gate._names_not_found(ctx.q, ctx.hits)
        if unnamed:
            return False, {"names": unnamed}
        return True, ({"places_not_found": where} if where else {})


class DocumentsHeld(Signal):
    name = "documents"
    explain = "Văn bản câu hỏi nêu số hiệu có trong thư viện hoặc được các đoạn nhắc đến."

    def check(self, ctx):
        missing = ctx.gate._documents_not_held(ctx.q, ctx.hits)
        return (False, {"not_held": missing}) if missing else (True, {})


class OwnWordsCovered(Signal):
    name = "own"
    explain = "Câu hỏi nối tiếp được viết lại vẫn phải có từ của chính nó trong các đoạn."

    def check(self, ctx):
        if ctx.own is None:
            return True, {}
        own = round(ctx.gate.coverage(ctx.own, ctx.hits, ctx.idf), 3)
        return own >= ctx.gate.thresholds.min_coverage, {"own_coverage": own}


class KindGiven(Signal):
    name = "kind"
    explain = "Câu hỏi hỏi số, thời hạn, thời điểm hay ai quyết định thì một câu của đoạn phải nêu điều đó."

    def check(self, ctx):
        given, wanted = ctx.gate.gives_kind(ctx.q, ctx.hits, ctx.idf)
        if not wanted:
            return True, {}
        return given, {"kind": wanted, "kind_given": given}


# In this order: the first that fails gives the refusal.
SIGNALS: list[Signal] = [
    InScope(),
    NotAboutNow(),
    Evidence(),
    SectionsHeld(),
    YearsHeld(),
    NamesHeld(),
    DocumentsHeld(),
    OwnWordsCovered(),
    KindGiven(),
]
