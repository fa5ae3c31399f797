"""`chibo ui`, registered into the CLI (`register_commands`)."""

from __future__ import annotations


def register_commands(sub, common) -> None:
    p = sub.add_parser("ui", help="start the Streamlit app")
    p.add_argument("--port", type=int, help="port (default 8501, or CHIBO_PORT)")
    p.add_argument("--host", help="address (default 127.0.0.1, or CHIBO_HOST)")
    p.set_defaults(func=lambda a: _ui(common.settings(a)))


def _ui(settings) -> int:
    from ui.serve import run

    return run(settings)
