"""Ingest throughput, query latency, HTTP latency and peak memory, each beside a baseline run now.

    .venv/bin/python benchmarks/bench.py [--docs 60] [--queries 60] [--json]

Phases, each measured in its own process so peak RSS is its own:
  ours      ingest_paths into a fresh embedded store, then Assistant.ask          (ours.py)
  baseline  RecursiveCharacterTextSplitter + E5Embeddings + Chroma.from_texts,
            then Chroma.similarity_search(k=5), retrieval only                    (baseline.py)
  http      `assistant serve` over the store "ours" built: serial and concurrent
            /api/chat                                                             (http_load.py)
Input: corpus/ plus the first N distinct NorQuAD contexts written as .txt files (workload.py).
The figures are wall-clock on a possibly shared machine: read them beside the load average.
The embedding engine uses OpenMP; on a busy machine compare with OMP_NUM_THREADS=1 (inherited
by every phase and the server, and shown under the table).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import http_load
from workload import ROOT, load_questions, machine, prepare, progress

sys.path.insert(0, str(ROOT))  # the project packages, also when not installed
PHASE_TIMEOUT_S = 1800
FLOOR_FACTOR = 3.0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.phase:
        print(json.dumps(run_phase(args.phase, args.work)))
        return 0
    figures = run_all(args)
    print(render(figures))
    if args.json:
        print(json.dumps(figures, indent=2))
    return 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=60, help="NorQuAD contexts to add to corpus/ (default 60)")
    parser.add_argument("--queries", type=int, default=60, help="questions per latency figure (default 60)")
    parser.add_argument("--concurrency", type=int, default=8, help="concurrent HTTP clients (default 8)")
    parser.add_argument("--per-client", type=int, default=20, help="requests per concurrent client (default 20)")
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    parser.add_argument("--phase", choices=["ours", "baseline"], help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def run_phase(name: str, work: Path) -> dict:
    """Inside a phase subprocess: import only that phase's pipeline and run it."""
    if name == "ours":
        import ours

        return ours.run(work)
    import baseline

    return baseline.run(work)


def run_all(args: argparse.Namespace) -> dict:
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        before = machine()
        progress(f"work folder {work}; {args.docs} NorQuAD documents, {args.queries} questions")
        prepare(work, args.docs, args.queries)
        figures = {"machine_before": before, "ours": spawn("ours", work), "baseline": spawn("baseline", work)}
        figures["http"] = http_load.run(work, load_questions(work), args.concurrency, args.per_client, floor_model())
        figures["machine_after"] = machine()
        return figures
    finally:
        shutil.rmtree(work, ignore_errors=True)


def floor_model():
    """``embed_query`` of the same model, loaded here to measure the floor beside the serial HTTP requests."""
    from assistant.embeddings import E5Embeddings

    return E5Embeddings().embed_query


def spawn(phase: str, work: Path) -> dict:
    """Run one phase in a fresh interpreter; its figures are the last line of its stdout."""
    progress(f"phase {phase} started")
    command = [sys.executable, str(Path(__file__).resolve()), "--phase", phase, "--work", str(work)]
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, text=True, timeout=PHASE_TIMEOUT_S, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"phase {phase} failed with exit code {done.returncode}")
    progress(f"phase {phase} finished")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- the table ------------------------------------------------------------------------------------
def render(f: dict) -> str:
    ours, base, http = f["ours"], f["baseline"], f["http"]
    rows = [("figure", "ours", "baseline", "note")]
    rows += ingest_rows(ours, base)
    rows += query_rows(ours, base)
    rows += http_rows(http)
    rows.append(("peak RSS (MiB)", f"{ours['peak_rss_mib']:.0f}", f"{base['peak_rss_mib']:.0f}",
                 f"per phase process; server VmHWM {fmt_mib(http['server_peak_rss_mib'])}"))
    widths = [max(len(r[i]) for r in rows) + 2 for i in range(3)]
    lines = ["".join(cell.ljust(w) for cell, w in zip(r[:3], widths, strict=True)) + r[3] for r in rows]
    lines.append(machine_line(f))
    return "\n".join(lines)


def ingest_rows(ours: dict, base: dict) -> list[tuple[str, str, str, str]]:
    embedded = ours["chunks"] + ours["sentences"]
    return [
        ("documents / chunks ingested", f"{ours['documents']} / {ours['chunks']}",
         f"{base['documents']} / {base['chunks']}", f"ours skipped {ours['skipped']} files"),
        ("ingest wall time (s)", f"{ours['ingest_s']:.1f}", f"{base['ingest_s']:.1f}",
         f"ours includes text extraction ({ours['load_s']:.1f} s); baseline is split+embed+store only"),
        ("ingest documents/s", rate(ours["documents"], ours["ingest_s"]),
         rate(base["documents"], base["ingest_s"]), ""),
        ("ingest chunks/s", rate(ours["chunks"], ours["ingest_s"]), rate(base["chunks"], base["ingest_s"]),
         f"ours also embeds {ours['sentences']} sentences"),
        ("embedded texts/s", rate(embedded, ours["ingest_s"]), rate(base["chunks"], base["ingest_s"]),
         f"ours {embedded} texts (chunks + sentences), baseline {base['chunks']}"),
    ]


def query_rows(ours: dict, base: dict) -> list[tuple[str, str, str, str]]:
    stages = " / ".join(f"{ours[k]['p50']:.0f}" for k in ("embed_ms", "retrieve_ms", "answer_ms"))
    return [
        ("query p50 / p95 (ms, in process)", pair(ours["ask_ms"]), pair(base["search_ms"]),
         "ours = Assistant.ask; baseline = Chroma similarity_search only"),
        ("query-embedding floor p50 / p95 (ms)", pair(ours["floor_ms"]), pair(base["floor_ms"]),
         "embed_query alone, measured in each phase"),
        ("ask stages p50 (ms)", stages, "", "embed / rest of retrieval (dense+BM25+fusion) / answer"),
    ]


def http_rows(http: dict) -> list[tuple[str, str, str, str]]:
    serial, conc = http["serial"], http["concurrent"]
    floor = serial["floor_ms"]["p50"]
    ratio = serial["latency_ms"]["p50"] / floor
    verdict = "PASS" if ratio <= FLOOR_FACTOR else "FAIL"
    return [
        ("floor p50 / p95 beside HTTP (ms)", pair(serial["floor_ms"]), "",
         "embed_query in the client process, interleaved with the serial requests"),
        ("HTTP /api/chat serial p50 / p95", pair(serial["latency_ms"]), "",
         f"{FLOOR_FACTOR:.0f}x floor = {FLOOR_FACTOR * floor:.0f} ms: {verdict} ({ratio:.1f}x); "
         f"errors: {errors(serial)}"),
        (f"HTTP /api/chat c={conc['clients']} p50 / p95, rps",
         f"{pair(conc['latency_ms'])}, {conc['rps']:.1f}", "", f"errors: {errors(conc)}"),
    ]


def machine_line(f: dict) -> str:
    before, after = f["machine_before"], f["machine_after"]
    return (f"machine: {before['cpus']} CPUs, OMP_NUM_THREADS={before['omp_num_threads']}, "
            f"1-min load average {before['load_avg_1m']} at start, {after['load_avg_1m']} at end")


def errors(run: dict) -> str:
    kinds = ", ".join(f"{n}x {kind}" for kind, n in run["error_kinds"].items())
    return f"{run['errors']} ({kinds})" if kinds else "0"


def pair(p: dict) -> str:
    return f"{p['p50']:.0f} / {p['p95']:.0f}"


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:.2f}" if seconds > 0 else "-"


def fmt_mib(value: float | None) -> str:
    return f"{value:.0f} MiB" if value is not None else "n/a"


if __name__ == "__main__":
    sys.exit(main())
