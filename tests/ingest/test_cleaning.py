"""Cleaning keeps every sentence of the article body and drops the page around it."""

import pytest

from ingest.cleaning import clean_web
from ingest.settings import CORPUS_DIR
from ingest.textnorm import normalize

BODY = {
    "ha-tinh-hoi-thao-chi-bo-thon-to-dan-pho.txt": [
        "Toàn tỉnh hiện có 100.274 đảng viên",
        "coi trọng hình thức sinh hoạt chuyên đề để có thể bàn sâu, bàn kỹ một vấn đề cần tập trung lãnh đạo",
        "Cần chú trọng việc phát hiện, bồi dưỡng quần chúng ưu tú để tạo nguồn kết nạp đảng viên",
        "ngoài sinh hoạt thường kỳ phải lựa chọn những chuyên đề phù hợp",
        'hoàn thiện dự thảo Đề án "Đổi mới, nâng cao chất lượng sinh hoạt',
    ],
    "ben-nghe-sinh-hoat-chuyen-de-nghi-quyet-21.txt": [
        "Ngày 17/10/2022, Đảng ủy phường Bến Nghé tổ chức sinh hoạt chuyên đề",
        "chi bộ doanh nghiệp chia tổ đảng theo nhóm ngành nghề",
        "nâng cao chất lượng sinh hoạt chi bộ theo Hướng dẫn 12-HD/BTCTW của Ban Tổ chức Trung ương",
        "thực hiện Đề án 06-ĐA/TU của Thành ủy",
    ],
    "ia-pa-nang-cao-nang-luc-lanh-dao-cap-uy-co-so.txt": [
        "Ngày 22-7-2019, Ban Chấp hành Đảng bộ huyện Ia Pa đã ban hành Quyết định số 2403-QĐ/HU",
        "mẫu biên bản sinh hoạt chi bộ định kỳ",
        "có 16/51 chi bộ thực hiện mô hình bí thư chi bộ kiêm trưởng thôn (đạt 31,3%)",
        "Đảng bộ huyện Ia Pa hiện có 1.837 đảng viên",
        "Kịp thời tuyên truyền, cổ vũ động viên, biểu dương, khen thưởng gương người tốt, việc tốt",
    ],
    "tuyen-quang-cau-noi-giua-dang-voi-dan.txt": [
        "Đảng bộ thành phố hiện có 214 bí thư chi bộ thôn, tổ dân phố",
        "Kỹ năng, phương pháp tiến hành công tác lãnh đạo, công tác chính trị tư tưởng",
        "nắm tình hình tư tưởng của đảng viên, quần chúng",
        "tôi luôn khuyến khích và chủ động gợi ý để các đảng viên mạnh dạn phát biểu",
        "không cần phải thông báo nhiều lần trên hệ thống loa của thôn.",
    ],
    "vinh-yen-doi-moi-sinh-hoat-chi-bo.txt": [
        "Quyết định số 724 về việc thành lập Tổ công tác",
        "dự sinh hoạt chi bộ dưới Đảng bộ cơ sở mỗi tháng 1 lần",
        "đảm bảo 3 tính chất (tính lãnh đạo, tính giáo dục, tính chiến đấu)",
        "Xây dựng nông thôn mới, xây dựng nếp sống văn minh đô thị",
        "phát huy hiệu quả hoạt động của Tổ công tác dự sinh hoạt cấp ủy cơ sở, sinh hoạt chi bộ",
    ],
}
JUNK = {
    "ha-tinh-hoi-thao-chi-bo-thon-to-dan-pho.txt": ["Đăng nhập", "Zalo", "Đại biểu dự hội thảo."],
    "ben-nghe-sinh-hoat-chuyen-de-nghi-quyet-21.txt": [],
    "ia-pa-nang-cao-nang-luc-lanh-dao-cap-uy-co-so.txt": [
        "Theo dõi Báo Gia Lai trên Google News",
        "0:00",
        "Nam miền Bắc",
        "Nữ miền Nam",
        "ảnh 1",
        "Có thể bạn quan tâm",
        "Đập tan luận điệu sai trái",
        "Phủ nhận vai trò lãnh đạo của Đảng Cộng sản Việt Nam là có tội với dân tộc",
        "Quân đội tích cực bảo vệ nền tảng tư tưởng",
        "Cảnh giác trước luận điệu xuyên tạc về dự thảo Luật Đất đai",
        "Phú Thiện chú trọng",
        "giám sát, phản biện xã hội",
        "Ảnh: Mai Linh",
    ],
    "tuyen-quang-cau-noi-giua-dang-voi-dan.txt": ["Tin cùng chuyên mục"],
    "vinh-yen-doi-moi-sinh-hoat-chi-bo.txt": [
        "14/6/2024",
        "GMT+7",
        "Phản hồi",
        "Các tin khác",
        "Thư viện ảnh",
        "Liên kết website",
        "Mới nhất",
        "Ảnh: Nguyễn Lượng",
    ],
}


@pytest.mark.parametrize("name", sorted(BODY))
def test_body_sentences_survive(name):
    cleaned = clean_web((CORPUS_DIR / name).read_text())
    for sentence in BODY[name]:
        assert sentence in cleaned.text, sentence


@pytest.mark.parametrize("name", sorted(JUNK))
def test_page_junk_is_dropped(name):
    cleaned = clean_web((CORPUS_DIR / name).read_text())
    for junk in JUNK[name]:
        assert junk not in cleaned.text, junk


@pytest.mark.parametrize("name", sorted(BODY))
def test_every_body_paragraph_survives(name):
    """Every line of the raw page that is a sentence of the article is in the cleaned text."""
    raw = (CORPUS_DIR / name).read_text()
    cleaned = clean_web(raw)
    cut = min(
        [raw.find(m) for m in ("Có thể bạn quan tâm", "Tin cùng chuyên mục", "Phản hồi") if m in raw] or [len(raw)]
    )
    for line in raw[:cut].split("\n"):
        line = line.strip()
        # body paragraphs: long lines that end a sentence and are not a photo caption
        if len(line) > 160 and line.endswith((".", "…", '"', "”", ";")) and "Ảnh:" not in line:
            assert normalize(line) in cleaned.text, line[:80]


def test_quotes_printed_twice_are_kept_once():
    cleaned = clean_web((CORPUS_DIR / "ha-tinh-hoi-thao-chi-bo-thon-to-dan-pho.txt").read_text())
    quote = "coi trọng hình thức sinh hoạt chuyên đề để có thể bàn sâu"
    assert cleaned.text.count(quote) == 1


def test_bylines_and_datelines_become_metadata():
    vy = clean_web((CORPUS_DIR / "vinh-yen-doi-moi-sinh-hoat-chi-bo.txt").read_text())
    assert vy.byline == "Lê Mơ" and "Lê Mơ" not in vy.text
    assert vy.published == "2018-11-30"  # 14/6/2024 is the capture date, not the article's
    assert clean_web((CORPUS_DIR / "ha-tinh-hoi-thao-chi-bo-thon-to-dan-pho.txt").read_text()).byline == "Thu Hà"
    assert clean_web((CORPUS_DIR / "ben-nghe-sinh-hoat-chuyen-de-nghi-quyet-21.txt").read_text()).byline == "H.Y"
