"""Party and State document headers: issuing body, number, place and date, type, trích yếu."""

from __future__ import annotations

import pytest

from ingest.header import parse_header
from ingest.repair import repair
from tests.guidance import CHARTER, HD06, HD37, QD294, needs_guidance, pages


@needs_guidance
@pytest.mark.parametrize(
    "path, title, number, date, issuer",
    [
        (QD294, "Quy định 294-QĐ/TW về thi hành Điều lệ Đảng", "294-QĐ/TW", "2025-05-26", "Ban Chấp hành Trung ương"),
        (
            HD06,
            "Hướng dẫn 06-HD/TW về một số vấn đề cụ thể thi hành Điều lệ Đảng",
            "06-HD/TW",
            "2025-06-09",
            "Ban Bí thư",
        ),
        (
            HD37,
            "Hướng dẫn 37-HD/BTGDVTW về việc đổi mới, nâng cao chất lượng, hiệu quả Bản tin sinh hoạt chi bộ trong giai đoạn mới",
            "37-HD/BTGDVTW",
            "2025-11-19",
            "Ban Tuyên giáo và Dân vận",
        ),
        (CHARTER, "Điều lệ Đảng Cộng sản Việt Nam", None, "2011-01-19", "Đại hội đại biểu toàn quốc lần thứ XI"),
    ],
)
def test_the_guidance_headers(path, title, number, date, issuer):
    paragraphs = repair(pages(path))
    h = parse_header(paragraphs)
    assert (h.title, h.number, h.date, h.issuer, h.place) == (title, number, date, issuer, "Hà Nội")


def test_interleaved_columns_and_a_blank_number_on_one_line():
    h = parse_header(
        [
            "THÀNH ỦY HÀ NỘI BAN TỔ CHỨC * Số      - HD/BTCTU ĐẢNG CỘNG SẢN VIỆT NAM Hà Nội, ngày   tháng 11 năm 2025",
            "HƯỚNG DẪN",
            "Về việc tổ chức sinh hoạt chi bộ định kỳ",
            "Căn cứ Điều lệ Đảng, Ban Tổ chức Thành ủy hướng dẫn như sau:",
        ]
    )
    assert h.number is None and h.number_form == "-HD/BTCTU" and h.date == "2025-11"
    # issue 23: a department is named with the committee above it
    assert (h.issuer, h.parent, h.place) == ("Ban Tổ chức Thành ủy Hà Nội", "Thành ủy Hà Nội", "Hà Nội")
    assert h.title == "Hướng dẫn …-HD/BTCTU về việc tổ chức sinh hoạt chi bộ định kỳ" and h.body_start == 3


def test_a_district_plan_and_a_law():
    plan = parse_header(
        ["ĐẢNG BỘ TỈNH NGHỆ AN", "HUYỆN ỦY NAM ĐÀN", "*", "Số 82-KH/HU", "ĐẢNG CỘNG SẢN VIỆT NAM",
         "Nam Đàn, ngày 05 tháng 3 năm 2024", "KẾ HOẠCH", "TỔ CHỨC HỘI THI BÍ THƯ CHI BỘ GIỎI NĂM 2024",
         "I. MỤC ĐÍCH, YÊU CẦU", "Huyện ủy Nam Đàn tổ chức hội thi bí thư chi bộ giỏi."]
    )  # fmt: skip
    assert (plan.number, plan.date, plan.place, plan.issuer, plan.parent) == (
        "82-KH/HU", "2024-03-05", "Nam Đàn", "Huyện ủy Nam Đàn", "Đảng bộ tỉnh Nghệ An")  # fmt: skip
    assert plan.title == "Kế hoạch 82-KH/HU tổ chức hội thi bí thư chi bộ giỏi năm 2024"
    law = parse_header(["QUỐC HỘI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
                        "Luật số: 31/2024/QH15", "LUẬT", "ĐẤT ĐAI", "Căn cứ Hiến pháp; Quốc hội ban hành Luật Đất đai."])  # fmt: skip
    assert (law.title, law.number, law.issuer) == ("Luật 31/2024/QH15 Đất đai", "31/2024/QH15", "Quốc hội")


def test_a_news_report_has_no_header():
    assert (
        parse_header(["Hà Tĩnh tổ chức hội thảo chuyên đề", "Chiều 14/12, Ban Tổ chức Tỉnh ủy tổ chức hội thảo."])
        is None
    )


def test_outline_and_form_only_on_evidence_in_the_title(tmp_path):
    from ingest.loaders.base import Loaded
    from ingest.metadata import document_metadata

    f = tmp_path / "de-cuong-thong-bao.txt"
    f.write_text("x")
    notice = (
        "Chi ủy Chi bộ 3 thông báo lịch sinh hoạt tháng 7 như sau:\nHọc theo đề cương; biểu dương đảng viên gương mẫu."
    )
    meta = document_metadata(f, Loaded(text=notice, meta={}))
    assert (meta["kind"], meta["doc_type"], meta["issuer"]) == ("document", "Thông báo", "Chi ủy Chi bộ 3")
    assert meta["title"] == "Chi ủy Chi bộ 3 thông báo lịch sinh hoạt tháng 7"
    outline = document_metadata(f, Loaded(text="ĐỀ CƯƠNG SINH HOẠT CHUYÊN ĐỀ\nI. MỞ ĐẦU", meta={}))
    assert outline["kind"] == "outline"
    form = document_metadata(f, Loaded(text="Mẫu số 2-KNĐ\nĐƠN XIN VÀO ĐẢNG", meta={}))
    assert form["kind"] == "template"


def test_a_department_of_the_central_committee_keeps_its_own_name():
    h = parse_header(["BAN CHẤP HÀNH TRUNG ƯƠNG", "BAN TỔ CHỨC", "*", "Số 12-HD/BTCTW", "ĐẢNG CỘNG SẢN VIỆT NAM",
                      "Hà Nội, ngày 03 tháng 4 năm 2025", "HƯỚNG DẪN", "MỘT SỐ VẤN ĐỀ VỀ NGHIỆP VỤ CÔNG TÁC ĐẢNG VIÊN",
                      "Căn cứ Điều lệ Đảng, Ban Tổ chức Trung ương hướng dẫn nghiệp vụ công tác đảng viên như sau:"])  # fmt: skip
    assert (h.issuer, h.parent) == ("Ban Tổ chức", "Ban Chấp hành Trung ương")
    assert h.title == "Hướng dẫn 12-HD/BTCTW về một số vấn đề về nghiệp vụ công tác đảng viên"
