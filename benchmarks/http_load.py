"""The HTTP phase: ``assistant serve`` as a real subprocess over the store the "ours" phase built.

Serial ``/api/chat`` latency, then the same endpoint under N concurrent clients; the server's
peak RSS (``VmHWM``) is read before it is stopped. Loopback only; the rate limits are
raised for the server under test (see ``SERVER_ENV``).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
from workload import ROOT, percentiles, progress, time_ms

WARM_UP = 3
START_TIMEOUT_S = 180
REQUEST_TIMEOUT_S = 120
# The per-client limit (30/min) would turn a load test from one address into a test of the limiter.
SERVER_ENV = {"ASSISTANT_LOG_LEVEL": "WARNING", "ASSISTANT_RATE_LIMIT_PER_MINUTE": "1000000",
              "ASSISTANT_RATE_LIMIT_GLOBAL_PER_MINUTE": "1000000"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def served(data_dir: Path, log_path: Path):
    """Start ``assistant serve`` on a free port, yield ``(url, pid)``, always stop it."""
    port = free_port()
    env = {**os.environ, **SERVER_ENV, "ASSISTANT_DATA_DIR": str(data_dir)}
    command = [sys.executable, "-m", "assistant.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url, proc, log_path)
            yield url, proc.pid
        finally:
            stop(proc)


def wait_healthy(url: str, proc: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}: {log_path.read_text()[-2000:]}")
        try:
            if httpx.get(f"{url}/healthz", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass  # not listening yet
        time.sleep(0.2)
    raise RuntimeError(f"the server did not answer /healthz within {START_TIMEOUT_S} s")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


def peak_rss_mib(pid: int) -> float | None:
    """The process's high-water RSS from /proc (``VmHWM`` is in kB)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def chat(client: httpx.Client, question: str) -> tuple[float, str]:
    """One ``/api/chat`` call: (milliseconds, outcome), the outcome a status code or an exception name."""
    start = time.perf_counter()
    try:
        outcome = str(client.post("/api/chat", json={"question": question}).status_code)
    except httpx.HTTPError as exc:
        outcome = type(exc).__name__
    return (time.perf_counter() - start) * 1000, outcome


def serial(url: str, questions: list[str], embed_query: Callable[[str], object]) -> dict:
    """Serial requests, each after a bare query embedding here: the floor, measured in the same window."""
    progress(f"http: {len(questions)} serial requests")
    floor = []
    with httpx.Client(base_url=url, timeout=REQUEST_TIMEOUT_S) as client:
        for question in questions[:WARM_UP]:
            chat(client, question)
        calls = []
        for question in questions:
            floor.append(time_ms(embed_query, question))
            calls.append(chat(client, question))
    return {**summarise(calls, None), "floor_ms": percentiles(floor)}


def concurrent(url: str, questions: list[str], workers: int, per_worker: int) -> dict:
    """``workers`` threads, each with its own client, each sending ``per_worker`` requests."""
    progress(f"http: {workers} clients x {per_worker} requests")

    def client_run(offset: int) -> list[tuple[float, str]]:
        with httpx.Client(base_url=url, timeout=REQUEST_TIMEOUT_S) as client:
            return [chat(client, questions[(offset + i) % len(questions)]) for i in range(per_worker)]

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        runs = list(pool.map(client_run, [w * per_worker for w in range(workers)]))
    wall = time.perf_counter() - start
    return {**summarise([call for run in runs for call in run], wall), "clients": workers, "per_client": per_worker}


def summarise(calls: list[tuple[float, str]], wall_s: float | None) -> dict:
    """Latency over all calls, and every outcome other than 200 counted by kind."""
    errors = Counter(outcome for _, outcome in calls if outcome != "200")
    summary = {"latency_ms": percentiles([ms for ms, _ in calls]), "errors": sum(errors.values()),
               "error_kinds": dict(errors)}
    if wall_s is not None:
        summary["rps"] = len(calls) / wall_s
    return summary


def run(work: Path, questions: list[str], workers: int, per_worker: int, embed_query: Callable[[str], object]) -> dict:
    progress("http: starting assistant serve")
    with served(work / "ours", work / "server.log") as (url, pid):
        progress(f"http: server up at {url} (pid {pid})")
        result: dict = {"serial": serial(url, questions, embed_query),
                  "concurrent": concurrent(url, questions, workers, per_worker)}
        result["server_peak_rss_mib"] = peak_rss_mib(pid)
    progress("http: server stopped")
    return result
