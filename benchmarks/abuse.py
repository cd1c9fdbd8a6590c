"""The abuse benchmark (issue 11): what the dearest request costs, and what four of them do to others.

Runs ``assistant serve`` as a real subprocess (h11, the published limits) over the corpus and prints:

1. each crafted request within the published limits (2,000 characters of question, history up to
   the 64 KiB body, long search queries) against an ordinary question, alternately, so both meet
   the same load on a shared machine: medians of wall time and of server CPU (utime + stime of the
   server process from /proc; OpenMP threads that spin while waiting inflate it on a busy machine);
   the worst/ordinary ratio is the figure the issue asks to keep at 10 or below;
2. the p50 latency of ordinary questions alone, then while four attackers send the dearest request
   back to back: once under the published rate limits (each attacker its own address, as
   ``X-Forwarded-For`` from a trusted proxy), once with the limits lifted (pure CPU contention).

    .venv/bin/python benchmarks/abuse.py [--normal 40] [--seconds 30]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
PORTS = range(8400, 8500)  # this loopback ports
TICK = os.sysconf("SC_CLK_TCK")
NORMAL = [json.loads(line)["question"] for line in (ROOT.parent / "shared/eval/procurement-dev.jsonl").open()
          if line.strip()] or ["Når var dialogkonferansen?", "Hvor mange boliger skal kommunen skaffe?"]
_WORDS = ("bolig kommune anskaffelse samarbeid dialogkonferanse leverandør husbanken virkemidler omsorgsboliger "
          "barnehage byggetrinn tomt utleie eie pris frist budsjett kontrakt innspill modell").split()


def crafted() -> dict[str, tuple[str, str, dict]]:
    """The dearest requests we could make within the published limits: name -> (method, path, body or params)."""
    rng = random.Random(11)
    typos = " ".join("".join(rng.choice("abcdefghijklmnopqrstuvwxyzæøå") for _ in range(rng.randint(6, 12)))
                     for _ in range(200))[:2000]
    corpus_words = " ".join(rng.choice(_WORDS) for _ in range(400))[:2000]
    history = [{"role": "user", "content": "ø" * 4000}] * 7  # the probe's turn, as many as fit in 64 KiB
    return {
        "probe: 2,000 ø + 7 × 4,000 ø history": ("POST", "/api/chat", {"question": "og " + "ø" * 1997,
                                                                       "history": history}),
        "2,000 chars of unknown words (typo reading)": ("POST", "/api/chat", {"question": typos}),
        "2,000 chars of corpus words + history": ("POST", "/api/chat", {"question": "og " + corpus_words[:1997],
                                                                        "history": history}),
        "stream: the probe": ("POST", "/api/chat/stream", {"question": "og " + "ø" * 1997, "history": history}),
        "search: 2,000 chars of corpus words, k=50": ("GET", "/api/search", {"q": corpus_words, "k": 50}),
        "search: 2,000 chars of unknown words, page 2": ("GET", "/api/search", {"q": typos, "k": 50, "page": 2}),
    }


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def send(client: httpx.Client, method: str, path: str, payload: dict, address: str | None = None) -> int:
    headers = {"X-Forwarded-For": address} if address else {}
    if method == "GET":
        return client.get(path, params=payload, headers=headers).status_code
    return client.post(path, json=payload, headers=headers).status_code


def measure(client: httpx.Client, pid: int, method: str, path: str, payload: dict) -> tuple[float, float]:
    """(wall ms, server CPU ms) of one request; /proc counts CPU in clock ticks of 10 ms."""
    before, started = cpu_seconds(pid), time.perf_counter()
    status = send(client, method, path, payload)
    assert status == 200, f"{path}: {status}"
    return (time.perf_counter() - started) * 1000, (cpu_seconds(pid) - before) * 1000


def paired(client: httpx.Client, pid: int, request: tuple[str, str, dict], repeat: int) -> dict[str, float]:
    """The crafted request and an ordinary question alternately, so both meet the same machine load.

    Returns medians of wall and CPU milliseconds of each, and the crafted/ordinary ratios.
    """
    normal, crafted_ = [], []
    for i in range(repeat):
        normal.append(measure(client, pid, "POST", "/api/chat", {"question": NORMAL[i % len(NORMAL)]}))
        crafted_.append(measure(client, pid, *request))
    med = {name: [statistics.median(s[k] for s in runs) for k in (0, 1)]
           for name, runs in (("normal", normal), ("crafted", crafted_))}
    return {"normal_wall": med["normal"][0], "normal_cpu": med["normal"][1], "wall": med["crafted"][0],
            "cpu": med["crafted"][1], "ratio_wall": med["crafted"][0] / med["normal"][0],
            "ratio_cpu": med["crafted"][1] / max(med["normal"][1], 1000 / TICK)}


def p50_latency(client: httpx.Client, n: int) -> tuple[float, int]:
    """p50 milliseconds of ``n`` ordinary questions from many residents, and how many were not 200."""
    times, failed = [], 0
    for i in range(n):
        started = time.perf_counter()
        address = f"203.0.113.{i % 250}"
        failed += send(client, "POST", "/api/chat", {"question": NORMAL[i % len(NORMAL)]}, address) != 200
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), failed


def attack(url: str, request: tuple[str, str, dict], stop: threading.Event, address: str, counts: dict) -> None:
    with httpx.Client(base_url=url, timeout=300) as client:
        while not stop.is_set():
            status = send(client, *request, address=address)
            counts[status] = counts.get(status, 0) + 1
            if status == 429:
                time.sleep(0.05)  # a real attacker would hammer; 429s cost the server next to nothing either way


def under_attack(url: str, request: tuple[str, str, dict], n: int) -> tuple[float, int, dict]:
    stop, counts = threading.Event(), {}
    threads = [threading.Thread(target=attack, args=(url, request, stop, f"198.51.100.{i}", counts)) for i in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)
    try:
        with httpx.Client(base_url=url, timeout=300) as client:
            p50, failed = p50_latency(client, n)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    return p50, failed, counts


def free_port() -> int:
    import socket

    for port in PORTS:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    raise RuntimeError("no free port in 8400-8499")


@contextmanager
def served(data_dir: Path, **env: str):
    port = free_port()
    environment = {**os.environ, "ASSISTANT_DATA_DIR": str(data_dir), "ASSISTANT_LOG_LEVEL": "WARNING",
                   "ASSISTANT_TRUST_FORWARDED_FOR": "true", **env}
    proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve", "--port", str(port)], cwd=ROOT,
                            env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.3)
        yield url, proc.pid
    finally:
        proc.terminate()
        proc.wait(timeout=30)


LIFTED = {"ASSISTANT_RATE_LIMIT_PER_MINUTE": "1000000", "ASSISTANT_RATE_LIMIT_GLOBAL_PER_MINUTE": "1000000"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--normal", type=int, default=40, help="ordinary questions per latency measurement")
    parser.add_argument("--repeat", type=int, default=15, help="runs of each crafted request")
    parser.add_argument("--data-dir", type=Path, help="reuse a store built by an earlier run")
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="abuse-"))
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(data_dir)}
    subprocess.run([sys.executable, "-m", "assistant.cli", "ingest", "corpus", "--quiet"], cwd=ROOT, env=env,
                   check=False, stdout=subprocess.DEVNULL)
    requests = crafted()

    with served(data_dir, **LIFTED) as (url, pid), httpx.Client(base_url=url, timeout=300) as client:
        for question in NORMAL[:3]:
            send(client, "POST", "/api/chat", {"question": question})  # warm up
        print(f"each crafted request against an ordinary question, alternately, {args.repeat} times (medians, ms):")
        print(f"  {'request':<48} {'wall':>6} {'ordinary':>8} {'ratio':>6}   {'CPU':>6} {'ordinary':>8} {'ratio':>6}")
        worst_name, worst = "", 0.0
        for name, request in requests.items():
            m = paired(client, pid, request, args.repeat)
            print(f"  {name:<48} {m['wall']:6.0f} {m['normal_wall']:8.0f} {m['ratio_wall']:5.1f}x   "
                  f"{m['cpu']:6.0f} {m['normal_cpu']:8.0f} {m['ratio_cpu']:5.1f}x")
            if m["ratio_wall"] > worst:
                worst_name, worst = name, m["ratio_wall"]
        print(f"worst / ordinary (wall): {worst:.1f} x  ({worst_name})")
        alone, _ = p50_latency(client, args.normal)
        print(f"\n/api/chat p50 alone: {alone:.0f} ms")
        lifted, failed, counts = under_attack(url, requests[worst_name], args.normal)
        print(f"/api/chat p50 with 4 attackers, limits lifted: {lifted:.0f} ms = {lifted / alone:.1f} x "
              f"({failed} failed; attackers got {counts})")

    with served(data_dir) as (url, pid):
        with httpx.Client(base_url=url, timeout=300) as client:
            for question in NORMAL[:3]:
                send(client, "POST", "/api/chat", {"question": question}, "192.0.2.1")
        limited, failed, counts = under_attack(url, requests[worst_name], args.normal)
        print(f"/api/chat p50 with 4 attackers, published limits: {limited:.0f} ms = {limited / alone:.1f} x "
              f"({failed} failed; attackers got {counts})")


if __name__ == "__main__":
    main()
