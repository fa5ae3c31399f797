"""An index holding an official text besides the bundled news reports."""

from __future__ import annotations

import shutil

import pytest

from ingest.settings import CORPUS_DIR, Settings

# Written for these tests (not the text of any real document): a short guidance text on the
# topic the bundled reports also cover, so that official quotations and news compete.
GUIDANCE = """HƯỚNG DẪN
Về công tác phát triển đảng viên ở chi bộ thôn, tổ dân phố

1. Chi bộ thôn, tổ dân phố xây dựng kế hoạch phát triển đảng viên hằng năm, giao nhiệm vụ tạo nguồn cho từng tổ đảng.
2. Chi ủy phân công đảng viên chính thức giúp đỡ quần chúng ưu tú, theo dõi và nhận xét quá trình phấn đấu của quần chúng ưu tú.
3. Chi bộ phối hợp với các đoàn thể giới thiệu đoàn viên, hội viên ưu tú để tạo nguồn phát triển đảng viên.
4. Cấp ủy cơ sở có trách nhiệm mở lớp bồi dưỡng nhận thức về Đảng cho quần chúng ưu tú trước khi chi bộ xem xét đề nghị kết nạp đảng viên.
5. Chi bộ cần định kỳ kiểm điểm, đánh giá kết quả phát triển đảng viên trong sinh hoạt chi bộ thôn, tổ dân phố.
"""
MANIFEST = """huong-dan-thu.txt:
  title: Hướng dẫn về công tác phát triển đảng viên ở chi bộ thôn, tổ dân phố
  number: 99-HD/HU
  issuer: Ban Thường vụ Huyện ủy
  date: "2025-03-10"
  kind: guidance
"""


@pytest.fixture(scope="session")
def written_guidance_index(tmp_path_factory, shared_cache) -> Settings:
    """The bundled reports plus one guidance text, ingested once per session."""
    from ingest.pipeline import ingest

    root = tmp_path_factory.mktemp("with-guidance")
    corpus = root / "corpus"
    shutil.copytree(CORPUS_DIR, corpus)
    extra = root / "guidance"
    extra.mkdir()
    (extra / "huong-dan-thu.txt").write_text(GUIDANCE, encoding="utf-8")
    (extra / "manifest.yaml").write_text(MANIFEST, encoding="utf-8")
    home = root / "home"
    home.mkdir()
    (home / "cache").symlink_to(shared_cache, target_is_directory=True)
    settings = Settings(home=home)
    report = ingest([corpus, extra], settings)
    assert not report.failed, report.failed
    return settings
