"""Multiple-choice questions (trắc nghiệm), as contests for cell secretaries ask them.

`forms` reads how banks write a stem and its options (source preambles, "Đúng hay sai?", digits
with leading zeros, qualifiers, "Cả 3 phương án trên"); `decide` judges each option against the
sentences of the retrieved passages and keeps, for the choice and for every other option, the
sentence it rests on.
"""

from assistant.choice.decide import Chosen, MultipleChoice, Sentence, Support, choose, parse

__all__ = ["Chosen", "MultipleChoice", "Sentence", "Support", "choose", "parse"]
