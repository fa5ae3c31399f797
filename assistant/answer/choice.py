"""A multiple-choice answer: the chosen option, the clause it rests on (`Answer.basis`), and for
each other option the sentence showing why it is not the answer (`Answer.why_not`), where the
passages show it. The reasons are the tool's own words and are labelled so; only `quote` is text
of a document."""

from __future__ import annotations

from assistant.answer.citations import Citations, citation_for
from assistant.answer.format import NO_CHOICE_TEXT, answer_with_sources, refusal_answer
from assistant.choice import Chosen, MultipleChoice, Sentence, choose
from assistant.gates import Verdict
from assistant.query import Query
from ingest.model import Answer, Basis, Hit

CLOSEST_SHOWN = 3
WHY_NOT_SUPPORT = 0.6  # an option's own sentence is shown as "about something else" above this


def basis_of(option: int, s: Sentence, reason: str = "") -> Basis:
    doc = s.hit.document
    return Basis(
        option=option,
        quote=s.text.strip(),
        doc_id=s.hit.chunk.doc_id,
        title=doc.title if doc else s.hit.chunk.doc_id,
        section=s.section,
        number=doc.number if doc else None,
        chunk_id=s.hit.chunk.id,
        reason=reason,
    )


def why_not(mc: MultipleChoice, chosen: Chosen, option: int) -> Basis | None:
    """Why `option` is not the answer, from the text: its own best sentence when that sentence is
    about another matter (another article or clause than the chosen basis), else the chosen
    basis itself when it states something the option does not."""
    if chosen.index is None or chosen.basis is None or option == chosen.index:
        return None
    own = chosen.support[option] if option < len(chosen.support) else None
    label = mc.labelled(option)
    if mc.negated:
        if own and own.sentence:
            return basis_of(option, own.sentence, f"Văn bản có nêu nội dung phương án {label[0]}.")
        return None
    if mc.forms[option].aggregate:
        return basis_of(option, chosen.basis, f"Không phải mọi phương án mà {label[0]} gộp lại đều được văn bản nêu.")
    if (
        own
        and own.sentence
        and own.score >= WHY_NOT_SUPPORT
        and (own.sentence.hit.chunk.id, own.sentence.start) != (chosen.basis.hit.chunk.id, chosen.basis.start)
        and own.sentence.section != chosen.basis.section
    ):
        where = own.sentence.section or "đoạn khác"
        return basis_of(
            option,
            own.sentence,
            f"Nội dung phương án {label[0]} thuộc quy định khác ({where}), không phải điều câu hỏi hỏi.",
        )
    return basis_of(
        option,
        chosen.basis,
        f"Căn cứ nêu phương án {mc.labelled(chosen.index)[0]}, không nêu như phương án {label[0]}.",
    )


def answer_choice(
    mc: MultipleChoice, q: Query, hits: list[Hit], idf: dict[str, float], verdict: Verdict, lead=None
) -> Answer:
    """The option the cited passage supports, with the passage; or "không đủ căn cứ" (choice
    None) when none stands out."""
    chosen = choose(mc, hits, q, idf, lead=lead) if hits else None
    evidence = {**verdict.evidence, "option_scores": chosen.scores if chosen else []}
    if chosen is None or chosen.index is None or chosen.basis is None:
        closest = [citation_for(h, n) for n, h in enumerate(hits[:CLOSEST_SHOWN], 1)]
        return refusal_answer(NO_CHOICE_TEXT, closest, evidence, "no_choice", options=mc.options)
    cites = Citations()
    cit = cites.cite(chosen.hit, chosen.basis.section)
    cit.quote = chosen.sentence
    note = " (phương án tài liệu không nêu)" if mc.negated else ""
    body = f"Đáp án: {mc.labelled(chosen.index)}{note}\nCăn cứ: {chosen.sentence} [{cit.n}]"
    result = answer_with_sources(
        body,
        cites.items,
        sentences=[(chosen.sentence, cit.n)],
        evidence=evidence,
        choice=chosen.index,
        options=mc.options,
    )
    result.basis = basis_of(chosen.index, chosen.basis, chosen.reason)
    result.why_not = {i: b for i in range(len(mc.options)) if (b := why_not(mc, chosen, i)) is not None}
    return result


def explain(mc: MultipleChoice, chosen: Chosen, correct: int, picked: int | None) -> tuple[Basis | None, Basis | None]:
    """For practice: the basis of the correct option (its best sentence, when the text supports
    it) and why the picked option is wrong. Nothing is invented: without a supporting sentence
    the basis is None."""
    basis = None
    if chosen.index == correct and chosen.basis is not None:
        basis = basis_of(correct, chosen.basis, chosen.reason)
    elif correct < len(chosen.support):
        own = chosen.support[correct]
        if own.sentence is not None and own.score >= WHY_NOT_SUPPORT and not mc.negated:
            basis = basis_of(correct, own.sentence, "Đoạn văn nêu nội dung phương án đúng.")
    wrong = None
    if picked is not None and picked != correct:
        if chosen.index == correct:
            wrong = why_not(mc, chosen, picked)
        elif basis is not None:
            label = mc.labelled(picked)[0]
            wrong = Basis(
                **{
                    **basis.__dict__,
                    "option": picked,
                    "reason": f"Căn cứ nêu phương án {mc.labelled(correct)[0]}, không nêu như phương án {label}.",
                }
            )
    return basis, wrong
