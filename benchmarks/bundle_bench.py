"""The packaged app: size on disk and cold-start time to the window shown (offscreen),
beside a bare PySide6 window bundled the same way (PyInstaller, one folder), in one run.

    python benchmarks/bundle_bench.py [--quick] [--json PATH] [--app DIST_FOLDER]

The app is `dist/annotator` (built by `bash scripts/build-bundle.sh`), or built here into
a temporary folder when missing. "Cold start" is a new process each time, with empty user
folders, after one warm-up run that creates the sample project; the page cache is warm
(this machine cannot drop it). Targets (issue 7): at most 200 MB, cold start within 1 s.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from _common import ROOT, emit, parser

PYINSTALLER = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR"]


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def build_app(work: Path) -> Path:
    subprocess.run([*PYINSTALLER, "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
                    str(ROOT / "build.spec")], check=True, cwd=ROOT)
    return work / "dist" / "annotator"


def build_bare(work: Path) -> Path:
    subprocess.run([*PYINSTALLER, "--onedir", "--name", "bare", "--distpath", str(work / "dist"),
                    "--workpath", str(work / "build"), "--specpath", str(work),
                    str(ROOT / "benchmarks" / "bundle" / "bare_window.py")], check=True)
    return work / "dist" / "bare"


def time_to_window(exe: Path, marker: str, home: Path) -> float:
    """Seconds from starting ``exe`` to its line saying the window is shown."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ANNOTATOR_STARTUP_PROBE="1", HOME=str(home),
               XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"), XDG_STATE_HOME=str(home / "state"))
    start = time.perf_counter()
    proc = subprocess.Popen([str(exe)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    watchdog = threading.Timer(60, proc.kill)  # a window that never shows must not hang the run
    watchdog.start()
    for line in proc.stdout:
        if marker in line:
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError(f"{exe} never said {marker!r} (stopped after 60 s)")
    watchdog.cancel()
    proc.wait(timeout=30)
    return elapsed


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--app", help="the built app folder (default: dist/annotator, else build one)")
    args = p.parse_args()
    runs = 3 if args.quick else 10
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        app = Path(args.app) if args.app else ROOT / "dist" / "annotator"
        if not (app / "annotator").exists():
            print("building the app ...", flush=True)
            app = build_app(work / "app")
        print("building the bare PySide6 window ...", flush=True)
        bare = build_bare(work / "bare")
        home = work / "home"
        time_to_window(app / "annotator", "window shown", home)  # warm-up: makes the sample project
        app_times = [time_to_window(app / "annotator", "window shown", home) for _ in range(runs)]
        bare_times = [time_to_window(bare / "bare", "window shown", home) for _ in range(runs)]
        app_mb, bare_mb = folder_size(app) / 1e6, folder_size(bare) / 1e6
    metrics = {
        "runs": runs,
        "app_size_mb": round(app_mb, 1),
        "bare_pyside6_size_mb": round(bare_mb, 1),
        "size_ratio": round(app_mb / bare_mb, 3),
        "app_start_to_window_s_median": round(statistics.median(app_times), 3),
        "app_start_to_window_s_max": round(max(app_times), 3),
        "bare_start_to_window_s_median": round(statistics.median(bare_times), 3),
        "start_ratio": round(statistics.median(app_times) / statistics.median(bare_times), 2),
        "target_size_mb": 200,
        "target_start_s": 1.0,
    }
    print(f"packaged app vs a bare PySide6 window, both PyInstaller one-folder bundles ({runs} starts each):")
    emit(metrics, args.json)


if __name__ == "__main__":
    main()
