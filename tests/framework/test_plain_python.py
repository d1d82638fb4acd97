"""The framework core imports no Django (ARCHITECTURE: the core is plain Python)."""

import pkgutil
import subprocess
import sys

import areasend.framework


def test_every_framework_module_imports_without_django():
    modules = ["areasend.framework"] + [
        f"areasend.framework.{info.name}" for info in pkgutil.iter_modules(areasend.framework.__path__)
    ]
    assert len(modules) >= 9
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "assert 'django' not in sys.modules, sorted(m for m in sys.modules if m.startswith('django'))\n"
        "print('ok', len([m for m in sys.modules if m.startswith('areasend.framework')]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={"PATH": ""},
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok")
