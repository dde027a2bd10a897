"""Run every benchmarks/bench_*.py in turn, each in its own process with this interpreter.

Figures are printed, never asserted. The exit status is 1 only when a benchmark crashed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def main() -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    if not scripts:
        print("no benchmarks found in", HERE)
        return 0
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    failed: list[str] = []
    for script in scripts:
        print(f"\n===== {script.name} =====", flush=True)
        t0 = time.perf_counter()
        rc = subprocess.run([sys.executable, str(script)], cwd=ROOT, env=env).returncode
        took = time.perf_counter() - t0
        print(f"===== {script.name}: {'done' if rc == 0 else f'FAILED (exit {rc})'} in {took:.1f} s",
              flush=True)
        if rc != 0:
            failed.append(script.name)
    if failed:
        print(f"\n{len(failed)} benchmark(s) crashed: {', '.join(failed)}")
        return 1
    print(f"\nall {len(scripts)} benchmark(s) ran")
    return 0


if __name__ == "__main__":
    sys.exit(main())
