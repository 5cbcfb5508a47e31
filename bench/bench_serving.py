"""Week 4's solution service over loopback against the same pipeline called in process.

One uvicorn worker serves solutions/week04 (``python -m uvicorn app:app``, as its README runs
it, access log included) with a model `build_model` writes to a temporary folder. One client
sends sequential requests over a keep-alive httpx connection; right after each request it
scores the same rows in process (`to_frame` + `predict_proba` on customers validated
beforehand), so both sides see the same machine load:
  single     POST /predict, one customer a request (after warm-up requests)
  batch1     POST /predict/batch with 1 customer
  batch1000  POST /predict/batch with 1,000 customers
Customers are the first rows of data/telco_churn_raw.csv, as the product team would send them.
Prints p50/p99 wall-clock latencies, rows per second, the HTTP/in-process ratios, the course
targets (single-row p50 <= 10 ms, a 1,000-row batch <= 100 ms), and CPU milliseconds per call
(the server process's, and the in-process thread's), which a busy machine inflates far less
than wall-clock time: the load average is printed with the figures.
Usage: python bench/bench_serving.py [--single N] [--warmup N] [--batch1 N] [--batch1000 N]
       [--week DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pandas as pd
import psutil

ROOT = Path(__file__).resolve().parents[1]
WEEK = ROOT / "solutions" / "week04"
RAW = ROOT / "data" / "telco_churn_raw.csv"
CLEAN = ROOT / "data" / "telco_churn_clean.parquet"
TARGET_SINGLE_P50_MS = 10.0
TARGET_BATCH1000_MS = 100.0
#: name -> (label, rows a call)
PHASES = {"single": ("POST /predict", 1), "batch1": ("batch of 1", 1),
          "batch1000": ("batch of 1,000", 1000)}


def customers(n: int) -> list[dict[str, Any]]:
    """The first `n` raw customers as JSON bodies (a blank TotalCharges, never billed, is 0)."""
    raw = pd.read_csv(RAW, dtype=str, keep_default_na=False, nrows=n).drop(columns="Churn")
    rows = raw.to_dict(orient="records")
    for row in rows:
        row["SeniorCitizen"] = int(row["SeniorCitizen"])
        row["tenure"] = int(row["tenure"])
        row["MonthlyCharges"] = float(row["MonthlyCharges"])
        row["TotalCharges"] = float(row["TotalCharges"].strip() or 0)
    return rows


def build_model(week: Path, out: Path) -> None:
    """The week's reference model, as its README builds it."""
    subprocess.run([sys.executable, "-m", "build_model", "--data", str(CLEAN), "--out", str(out)],
                   cwd=week, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}, check=True,
                   capture_output=True)


@contextmanager
def service(week: Path, model_dir: Path, log: Path) -> Iterator[tuple[str, psutil.Process]]:
    """One uvicorn worker on a free loopback port: its URL and process; stopped afterwards."""
    env = {**os.environ, "CHURN_MODEL_DIR": str(model_dir), "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-m", "uvicorn", "app:app", "--host", "127.0.0.1", "--port", "0",
               "--workers", "1"]
    with log.open("w") as sink:
        server = subprocess.Popen(command, cwd=week, env=env, stdout=sink,
                                  stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while not (found := re.search(r"running on (http://\S+)", log.read_text())):
            if server.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"bench: uvicorn did not start:\n{log.read_text()}")
            time.sleep(0.05)
        yield found[1], psutil.Process(server.pid)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def cpu_ms(process: psutil.Process) -> float:
    times = process.cpu_times()
    return (times.user + times.system) * 1000


@dataclass
class Phase:
    """Wall-clock milliseconds of each call, and CPU milliseconds a call, on both sides."""

    http_ms: list[float]
    local_ms: list[float]
    server_cpu_ms: float
    local_cpu_ms: float


def side_by_side(http: Callable[[int], object], local: Callable[[int], object], n: int,
                 warmup: int, server: psutil.Process) -> Phase:
    """`n` HTTP calls and `n` in-process calls, alternating, after `warmup` of each."""
    for i in range(warmup):
        http(i)
        local(i)
    phase = Phase([], [], 0.0, 0.0)
    for i in range(n):
        cpu, start = cpu_ms(server), time.perf_counter()
        http(i)
        phase.http_ms.append((time.perf_counter() - start) * 1000)
        phase.server_cpu_ms += (cpu_ms(server) - cpu) / n
        cpu, start = time.thread_time(), time.perf_counter()
        local(i)
        phase.local_ms.append((time.perf_counter() - start) * 1000)
        phase.local_cpu_ms += (time.thread_time() - cpu) * 1000 / n
    return phase


def percentile(values: list[float], q: int) -> float:
    """The `q`-th percentile (1-99), interpolated between the nearest two values."""
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def measure(week: Path, args: argparse.Namespace) -> dict[str, Phase]:
    """Start the service and run every phase against it and in process."""
    sys.path.insert(0, str(week))
    sys.dont_write_bytecode = True
    from app import load_model
    from schemas import Customer, to_frame

    bodies = customers(1000)
    with tempfile.TemporaryDirectory() as tmp:
        build_model(week, Path(tmp) / "model")
        model = load_model(Path(tmp) / "model")
        validated = [Customer(**body) for body in bodies]

        def local(rows: list[Customer]) -> object:
            return model.pipeline.predict_proba(to_frame(rows))[:, 1]

        with service(week, Path(tmp) / "model", Path(tmp) / "uvicorn.log") as (url, server), \
                httpx.Client(base_url=url, timeout=30) as client:

            def post(path: str, body: object) -> Any:
                response = client.post(path, json=body)
                response.raise_for_status()
                return response.json()

            answer = post("/predict", bodies[0])  # the service answers what the pipeline says
            assert abs(answer["churn_probability"] - local(validated[:1])[0]) < 1e-9, answer
            n = len(bodies)
            return {
                "single": side_by_side(lambda i: post("/predict", bodies[i % n]),
                                       lambda i: local([validated[i % n]]),
                                       args.single, args.warmup, server),
                "batch1": side_by_side(
                    lambda i: post("/predict/batch", {"customers": [bodies[i % n]]}),
                    lambda i: local([validated[i % n]]), args.batch1, 3, server),
                "batch1000": side_by_side(
                    lambda i: post("/predict/batch", {"customers": bodies}),
                    lambda i: local(validated), args.batch1000, 2, server),
            }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--single", type=int, default=300, help="single-row requests timed")
    parser.add_argument("--warmup", type=int, default=20, help="requests before timing")
    parser.add_argument("--batch1", type=int, default=30, help="batches of 1 timed")
    parser.add_argument("--batch1000", type=int, default=10, help="batches of 1,000 timed")
    parser.add_argument("--week", type=Path, default=WEEK,
                        help="the service's folder (default: solutions/week04)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    week = args.week.resolve()

    load_before = os.getloadavg()[0]
    phases = measure(week, args)
    figures: dict[str, Any] = {"week": str(week), "cpus": os.cpu_count(),
                               "load_before": load_before, "load_after": os.getloadavg()[0]}
    for name, phase in phases.items():
        rows = PHASES[name][1]
        for side, ms in (("http", phase.http_ms), ("in_process", phase.local_ms)):
            figures[f"{name}_{side}_p50_ms"] = statistics.median(ms)
            figures[f"{name}_{side}_p99_ms"] = percentile(ms, 99)
            figures[f"{name}_{side}_rows_per_s"] = rows * 1000 / statistics.median(ms)
        figures[f"{name}_ratio"] = statistics.median(phase.http_ms) / statistics.median(
            phase.local_ms)
        figures[f"{name}_http_cpu_ms"] = phase.server_cpu_ms
        figures[f"{name}_in_process_cpu_ms"] = phase.local_cpu_ms
    figures["target_single_p50_met"] = figures["single_http_p50_ms"] <= TARGET_SINGLE_P50_MS
    figures["target_batch1000_met"] = figures["batch1000_http_p50_ms"] <= TARGET_BATCH1000_MS
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0

    shown = week.relative_to(ROOT) if week.is_relative_to(ROOT) else week
    print(f"{shown}: one uvicorn worker, {figures['cpus']} CPUs, load average "
          f"{load_before:.1f} before, {figures['load_after']:.1f} after")
    print(f"{'measure':<30}{'HTTP':>11}{'in process':>12}{'HTTP/in':>9}")
    for name, (label, _) in PHASES.items():
        f = {k.removeprefix(f"{name}_"): v for k, v in figures.items()
             if k.startswith(f"{name}_")}
        print(f"{label + ' p50 (ms)':<30}{f['http_p50_ms']:>11.2f}{f['in_process_p50_ms']:>12.2f}"
              f"{f['ratio']:>9.2f}")
        print(f"{label + ' p99 (ms)':<30}{f['http_p99_ms']:>11.2f}{f['in_process_p99_ms']:>12.2f}")
        print(f"{label + ' rows/s':<30}{f['http_rows_per_s']:>11,.0f}"
              f"{f['in_process_rows_per_s']:>12,.0f}")
        print(f"{label + ' CPU ms a call':<30}{f['http_cpu_ms']:>11.2f}"
              f"{f['in_process_cpu_ms']:>12.2f}{f['http_cpu_ms'] / f['in_process_cpu_ms']:>9.2f}")
    met = {True: "met", False: "NOT MET"}
    print(f"single-row p50 = {figures['single_http_p50_ms']:.2f} ms  (target <= "
          f"{TARGET_SINGLE_P50_MS:.0f} ms: {met[figures['target_single_p50_met']]})")
    print(f"1,000-row batch p50 = {figures['batch1000_http_p50_ms']:.1f} ms  (target <= "
          f"{TARGET_BATCH1000_MS:.0f} ms: {met[figures['target_batch1000_met']]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
