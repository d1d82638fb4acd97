"""The service's own code starts no threads or processes: background work goes through Django's tasks
and its worker (``areasend worker``), which the production server runs beside the web processes."""

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
STARTERS = {"Thread", "Timer", "ThreadPoolExecutor", "ProcessPoolExecutor", "Process", "Pool", "start_new_thread"}


def test_no_module_in_src_starts_a_thread_or_a_process():
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name in STARTERS:
                    found.append(f"{path.relative_to(SRC)}:{node.lineno} {name}")
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                modules = [alias.name for alias in node.names] + [getattr(node, "module", None) or ""]
                if any(module.split(".")[0] in ("multiprocessing", "_thread") for module in modules):
                    found.append(f"{path.relative_to(SRC)}:{node.lineno} imports {modules}")
    assert found == []
    assert any(SRC.rglob("tasks.py"))  # and the check did read the service's code
