# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
CHIBO := $(VENV)/bin/chibo
# torch==2.13.0 resolves to the CPU wheel in the machine's local wheel folder (pip find-links).
export PIP_DISABLE_PIP_VERSION_CHECK=1

.PHONY: run test lint install install-test index system browser clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install -q -e .
	touch $@

# llama-cpp-python compiles llama.cpp: a portable AVX2 build, never a cached wheel, because the
# native build (-march=native with AVX-512/AMX paths) crashed with a protection fault here.
LLAMA_CMAKE := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(VENV)/bin/python -c "import llama_cpp" 2>/dev/null || \
	  CMAKE_ARGS="$(LLAMA_CMAKE)" $(PIP) install -q --no-cache-dir "llama-cpp-python[server]>=0.3.16"
	$(PIP) install -q -e ".[test]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

index: install system
	$(CHIBO) ingest --if-missing corpus/

run: index
	$(CHIBO) ui

# Debian programs ingest runs: Tesseract with Vietnamese data (scanned PDFs and page images),
# antiword and LibreOffice (old .doc files), poppler (PDF pages as images). Installed when missing.
SYSTEM_TOOLS := tesseract antiword soffice pdftoppm
SYSTEM_PACKAGES := tesseract-ocr tesseract-ocr-vie antiword libreoffice-writer-nogui poppler-utils fonts-dejavu-core
system:
	@missing=""; for t in $(SYSTEM_TOOLS); do command -v $$t >/dev/null 2>&1 || missing="$$missing $$t"; done; \
	  tesseract --list-langs 2>/dev/null | grep -qx vie || missing="$$missing tesseract-vie"; \
	  if [ -n "$$missing" ]; then \
	    echo "Cài đặt công cụ hệ thống còn thiếu:$$missing"; \
	    ( command -v apt-get >/dev/null 2>&1 && apt-get update -qq && \
	      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES) >/dev/null ) || \
	    echo "Không cài được:$$missing — tệp .doc và bản scan sẽ bị từ chối kèm lời nhắn."; \
	  fi

# The browser tests need Debian's chromium and chromedriver; installed when missing.
browser:
	@command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 || \
	  ( (command -v apt-get >/dev/null 2>&1 && (apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null)) || \
	    echo "chromium/chromedriver not installed: the browser test will fail" )

test: install-test system browser
	$(PY) -m pytest -q

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) .chibo .pytest_cache
