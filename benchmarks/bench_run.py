"""Time `karabakh run` (all notebooks, defaults) cold and cached; write benchmarks/results.json.

A measurement, not a test: run it with `make bench` on a quiet machine and commit the result with
the change it measures.
"""

import json
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def timed(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "karabakh", *args], cwd=ROOT, check=True, capture_output=True
    )
    return round(time.perf_counter() - start, 2)


def main() -> None:
    results = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cores": __import__("os").cpu_count(),
        "cold_all_notebooks_s": timed("run", "--name", "bench", "--force", "--no-html"),
        "cached_all_notebooks_s": timed("run", "--name", "bench", "--no-html"),
        "cold_with_html_s": timed("run", "--name", "bench", "--force"),
        "validate_data_s": timed("validate"),
    }
    (HERE / "results.json").write_text(json.dumps(results, indent=1) + "\n")
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
