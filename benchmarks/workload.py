"""What both benchmark phases share: the input files, the questions and the timing helpers.

The parent process writes everything into one work folder (``prepare``); each phase
subprocess reads it back (``load_questions``), so ours and the baseline see the same input.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
NORQUAD = ROOT.parent / "shared" / "eval" / "norquad" / "validation.json"
PROCUREMENT_DEV = ROOT.parent / "shared" / "eval" / "procurement-dev.jsonl"
FRONT_MATTER = '---\ntitle: "{title}"\naudience: "public"\ndoc_type: "dataset"\nlang: "nb"\n---\n'


def progress(message: str) -> None:
    """One short line on stderr, so a long run shows where it is."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def input_paths(work: Path) -> list[Path]:
    """The folders every ingest reads: the project corpus and the NorQuAD texts."""
    return [CORPUS, work / "norquad"]


def prepare(work: Path, docs: int, queries: int) -> None:
    """Write the first ``docs`` distinct NorQuAD contexts as .txt files and the question list."""
    folder = work / "norquad"
    folder.mkdir(parents=True)
    contexts = _norquad_contexts(docs)
    for n, (context, _) in enumerate(contexts):
        title = context.split("\n", 1)[0][:80].replace('"', "'")
        (folder / f"nq-{n:04d}.txt").write_text(FRONT_MATTER.format(title=title) + context + "\n", encoding="utf-8")
    nq_questions = [q for _, qs in contexts for q in qs]
    (work / "questions.json").write_text(json.dumps(_mix(nq_questions, queries), ensure_ascii=False), encoding="utf-8")


def _norquad_contexts(limit: int) -> list[tuple[str, list[str]]]:
    data = json.loads(NORQUAD.read_text(encoding="utf-8"))
    found: dict[str, list[str]] = {}
    for article in data["data"]:
        for para in article["paragraphs"]:
            if len(found) >= limit and para["context"] not in found:
                return list(found.items())
            found.setdefault(para["context"], []).extend(qa["question"] for qa in para["qas"])
    return list(found.items())


def _mix(nq_questions: list[str], total: int) -> list[str]:
    """Procurement questions (repeated) for about 60 % of the list, NorQuAD questions for the rest."""
    lines = PROCUREMENT_DEV.read_text(encoding="utf-8").splitlines()
    procurement = [json.loads(line)["question"] for line in lines if line.strip()]
    nq_share = min(len(nq_questions), total * 2 // 5)
    repeated = [procurement[i % len(procurement)] for i in range(total - nq_share)]
    return repeated + nq_questions[:nq_share]


def load_questions(work: Path) -> list[str]:
    return json.loads((work / "questions.json").read_text(encoding="utf-8"))


def time_ms(fn: Callable[..., object], *args: object, **kwargs: object) -> float:
    """Milliseconds one call of ``fn(*args, **kwargs)`` takes."""
    start = time.perf_counter()
    fn(*args, **kwargs)
    return (time.perf_counter() - start) * 1000


def percentiles(samples: list[float]) -> dict[str, float]:
    """p50 and p95 (inclusive method, so p95 of 60 samples lies between the 57th and 58th)."""
    if len(samples) < 2:
        value = samples[0] if samples else float("nan")
        return {"p50": value, "p95": value, "n": len(samples)}
    cuts = statistics.quantiles(samples, n=20, method="inclusive")
    return {"p50": statistics.median(samples), "p95": cuts[18], "n": len(samples)}


def peak_rss_mib() -> float:
    """This process's peak resident set size (``ru_maxrss`` is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine() -> dict:
    return {"cpus": os.cpu_count(), "load_avg_1m": round(os.getloadavg()[0], 2),
            "omp_num_threads": os.environ.get("OMP_NUM_THREADS", "unset")}
