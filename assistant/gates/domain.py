"""Is a question about party-cell work at all? A gate before the evidence check.

A large library holds articles on gold prices or football too; a party-cell assistant still
declines those questions. A question is in the domain when it uses the domain's vocabulary,
or when its embedding is closer to short descriptions of the domain than to descriptions of
common off-domain subjects (a margin, so it holds for any embedder's similarity scale).
"""

from __future__ import annotations

import re

import numpy as np

from assistant.query import ABBREVIATIONS, Query
from ingest import textnorm

# Domain words as users and documents write them (DOMAIN.md). Generic words that also open
# everyday requests ("hướng dẫn tôi cách nấu…", "kế hoạch du lịch") are not listed alone.
LEXICON = [
    "chi bộ",
    "đảng viên",
    "đảng bộ",
    "đảng ủy",
    "chi ủy",
    "cấp ủy",
    "bí thư",
    "tổ đảng",
    "đảng",
    "sinh hoạt chuyên đề",
    "sinh hoạt thường kỳ",
    "sinh hoạt định kỳ",
    "nghị quyết",
    "chỉ thị",
    "đề án",
    "thành ủy",
    "tỉnh ủy",
    "huyện ủy",
    "quận ủy",
    "ban chấp hành",
    "ban thường vụ",
    "ban tổ chức",
    "ban tuyên giáo",
    "ủy ban kiểm tra",
    "mặt trận tổ quốc",
    "tổ chức cơ sở",
    "kết nạp",
    "quần chúng ưu tú",
    "tự phê bình",
    "phê bình",
    "kiểm điểm",
    "biên bản",
    "biểu quyết",
    "đề cương",
    "người đứng đầu",
    "tổ công tác",
    "hệ thống chính trị",
    "đoàn thể",
    "thư ký",
    "chủ trì",
    "phân công nhiệm vụ",
    "hồ chí minh",
    "cán bộ",
    "chính trị",
    "tư tưởng",
]
DOMAIN_PROTOTYPES = [
    "Sinh hoạt chi bộ, đảng viên, bí thư chi bộ, cấp ủy, nghị quyết của chi bộ",
    "Công tác xây dựng Đảng, tổ chức cơ sở đảng, phát triển đảng viên",
    "Hướng dẫn, chỉ thị, quyết định, đề án của cấp ủy về sinh hoạt chi bộ",
    "Chuẩn bị, điều hành cuộc họp, biên bản, biểu quyết, phân công nhiệm vụ, kiểm điểm, phê bình",
]
OFF_DOMAIN_PROTOTYPES = [
    "Thời tiết, mưa nắng, nhiệt độ, dự báo thời tiết",
    "Giá vàng, giá cổ phiếu, lãi suất, tỷ giá, mua bán, thị trường",
    "Bóng đá, thể thao, trận đấu, đội tuyển, vô địch",
    "Nấu ăn, món ăn, công thức nấu, nhà hàng, ẩm thực",
    "Thơ, bài hát, phim, truyện, giải trí, nghệ thuật",
    "Sức khỏe, bệnh, thuốc, chữa bệnh, bác sĩ",
    "Điện thoại, máy tính, công nghệ, mua sắm, du lịch",
]
_EXACT = re.compile(r"(?<!\w)(" + "|".join(sorted(map(re.escape, LEXICON), key=len, reverse=True)) + r")(?!\w)")
# Without diacritics "dang" is also "đang" (-ing): only multi-syllable terms count then.
_FOLDED = re.compile(
    r"(?<!\w)("
    + "|".join(sorted({re.escape(textnorm.fold(t)) for t in LEXICON if " " in t}, key=len, reverse=True))
    + r")(?!\w)"
)
_ABBR = re.compile(
    r"(?<![\w/-])(" + "|".join(sorted(map(re.escape, ABBREVIATIONS), key=len, reverse=True)) + r")(?![\w/-])"
)


def uses_domain_words(q: Query) -> bool:
    """Domain vocabulary, an abbreviation such as BTV or ĐV, or a document number."""
    raw = textnorm.normalize(q.raw)
    if q.mentions or _ABBR.search(raw):
        return True
    if q.no_diacritics:
        return bool(_FOLDED.search(textnorm.fold(raw)))
    return bool(_EXACT.search(raw.lower()))


def gate_for(retriever) -> DomainGate:
    """The retriever's gate, created once: its prototype vectors are embedded once per process."""
    gate = retriever._domain_gate
    if gate is None:
        gate = retriever._domain_gate = DomainGate(retriever.embed_query)
    return gate


class DomainGate:
    def __init__(self, embed_query) -> None:
        self._embed = embed_query
        self._protos: tuple[np.ndarray, np.ndarray] | None = None

    def margin(self, query_vector: np.ndarray) -> float:
        """Best similarity to the domain descriptions minus best to the off-domain ones."""
        if self._protos is None:
            self._protos = (
                np.stack([self._embed(p) for p in DOMAIN_PROTOTYPES]),
                np.stack([self._embed(p) for p in OFF_DOMAIN_PROTOTYPES]),
            )
        dom, off = self._protos
        return float((dom @ query_vector).max() - (off @ query_vector).max())

    def in_domain(self, q: Query, query_vector: np.ndarray | None) -> bool:
        if uses_domain_words(q):
            return True
        return query_vector is not None and self.margin(query_vector) > 0.0
