"""The ``assistant`` command: ingest, ask, serve, eval.

Errors become one line on stderr and a non-zero exit code: 3 when ingest skipped files,
2 for anything else that went wrong (1 stays Python's own code for a crash).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from assistant import logs
from assistant.config import Settings, get_settings
from assistant.errors import AssistantError
from assistant.models import Scope

EXIT_SKIPPED = 3
EXIT_ERROR = 2


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    settings = get_settings()
    logs.configure(settings.log_level)
    try:
        return args.handler(args, settings)
    except AssistantError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_ERROR


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assistant", description="Cited answers about the Løkenåsveien 45 procurement."
    )
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    p = sub.add_parser("ingest", help="add, update and remove documents (incremental)")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument(
        "--audience", choices=["public", "internal"], help="audience for files that state none (default internal)"
    )
    p.add_argument("--reindex", action="store_true", help="drop the store first and embed everything again")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(handler=_ingest)

    p = sub.add_parser("ask", help="ask one question")
    p.add_argument("question")
    p.add_argument("--json", action="store_true", help="print the answer JSON, as the API returns it")
    p.add_argument("--internal", action="store_true", help="search internal documents too (case workers)")
    p.set_defaults(handler=_ask)

    p = sub.add_parser("serve", help="serve the API")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=1, help="more than 1 needs ASSISTANT_CHROMA_URL (a Chroma server)")
    p.set_defaults(handler=_serve)

    p = sub.add_parser("questions", help="the public question log: export as CSV, purge old rows")
    qsub = p.add_subparsers(required=True, metavar="ACTION")
    e = qsub.add_parser("export", help="write the log as CSV (personal data already masked)")
    e.add_argument("--out", type=Path, help="file to write (default: standard output)")
    e.add_argument("--answered", choices=["true", "false"], help="only answered or only unanswered questions")
    e.set_defaults(handler=_questions_export)
    g = qsub.add_parser("purge", help="delete rows older than ASSISTANT_RETENTION_DAYS")
    g.set_defaults(handler=_questions_purge)

    p = sub.add_parser("calibrate", help="fit the answer-or-refuse models on folds of dev sets; report held-out folds")
    p.add_argument("--dataset", type=Path, nargs="+", required=True, help="jsonl question sets")
    p.add_argument("--corpus", type=Path, nargs="+", default=[Path("corpus")])
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--l2", type=float, default=1.0, help="regularisation of the logistic model")
    p.add_argument("--write", action="store_true",
                   help="fit on all folds and save assistant/answer/confidence.json (and assistant/intents.json)")
    p.add_argument("--negatives", type=Path, nargs="+",
                   help="questions outside the dev sets (jsonl; general-knowledge ones, or labelled with a 'reason'):"
                        " with them, the intent model is fitted and reported too")
    p.add_argument("--intent-sets", type=Path, nargs="+",
                   help="question sets (jsonl, as --dataset) that teach the intent model only: their refusal"
                        " reasons, and their other questions as ordinary ones")
    p.add_argument("--work-dir", type=Path, help="keep the store here and reuse it next time")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(handler=_calibrate)

    p = sub.add_parser("eval", help="measure retrieval and answers on a dataset")
    p.add_argument("--dataset", type=Path, required=True)
    p.add_argument("--format", choices=["norquad", "jsonl"], required=True)
    p.add_argument("--corpus", type=Path, nargs="+", default=[Path("corpus")], help="documents for jsonl questions")
    p.add_argument("--work-dir", type=Path, help="keep the evaluation store here and reuse it next time")
    p.add_argument("--json", action="store_true")
    p.add_argument("--quiet", action="store_true")
    p.add_argument("--mode", choices=["extractive", "generative"], default="extractive",
                   help="generative: answer each question both ways (needs ASSISTANT_LLM__MODEL) and compare")
    p.add_argument("--limit", type=int, help="only the first N questions (generative mode)")
    p.set_defaults(handler=_eval)
    return parser


def _ingest(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.embeddings import make_embeddings
    from assistant.store import ChunkStore
    from ingest.pipeline import ingest_paths

    embeddings = make_embeddings(settings.embedding)
    if args.reindex:
        _drop_store(settings)
    store = ChunkStore(settings, embeddings)
    report = ingest_paths(args.paths, store, default_audience=args.audience, max_bytes=settings.max_file_bytes,
                          progress=not args.quiet)
    for skipped in report.skipped:
        print(f"skipped [{skipped.reason}] {skipped.message}", file=sys.stderr)
    print(report.summary())
    return EXIT_SKIPPED if report.skipped else 0


def _drop_store(settings: Settings) -> None:
    from assistant.store import drop_collections

    drop_collections(settings)


def _ask(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.service import Assistant

    scope = Scope.everything() if args.internal else Scope.public()
    answer = Assistant(settings).ask(args.question, scope=scope)
    if args.json:
        print(json.dumps(answer.model_dump(), ensure_ascii=False, indent=2))
        return 0
    print(answer.answer)
    for c in answer.citations:
        page = f", s. {c.page}" if c.page else ""
        print(f"  [{c.n}] {c.title} ({c.url or c.source}{page})")
    return 0


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    # Two OpenMP threads per query embedding. Measured on 2 cores (benchmarks/bench.py): one thread
    # made a serial /api/chat 1.5x slower (p50 50-59 ms against 35) for no gain at concurrency 8;
    # more than two oversubscribe a many-core machine once requests run in parallel.
    os.environ.setdefault("OMP_NUM_THREADS", "2")
    import uvicorn

    if args.workers > 1 and not settings.chroma_url:
        raise AssistantError(
            "Several workers cannot share an embedded Chroma store; run `chroma run --path DIR --port N` "
            "and set ASSISTANT_CHROMA_URL, or use --workers 1."
        )
    # h11 with a bounded request head and deadlines for slow requests, proxy_headers off: see api/server.py
    # (a string, so the CLI stays free of api imports: uvicorn imports it in each worker).
    uvicorn.run("api.main:create_app", factory=True, host=args.host, port=args.port, workers=args.workers,
                log_level="warning", **_server_options(settings))
    return 0


def _server_options(settings: Settings) -> dict:
    """What api.server.uvicorn_options gives, spelled out here because the core may not import api."""
    return {"http": "api.server:GuardedH11Protocol", "h11_max_incomplete_event_size": settings.max_header_bytes,
            "limit_concurrency": settings.max_connections, "timeout_keep_alive": 5, "proxy_headers": False}


def _questions_export(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.questionlog import QuestionLog

    answered = None if args.answered is None else args.answered == "true"
    log = QuestionLog(settings.db_url)
    if args.out:
        with args.out.open("w", encoding="utf-8", newline="") as out:
            n = log.export_csv(out, answered)
        print(f"{n} questions written to {args.out}", file=sys.stderr)
    else:
        log.export_csv(sys.stdout, answered)
    return 0


def _questions_purge(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.questionlog import QuestionLog

    gone = QuestionLog(settings.db_url).purge(settings.retention_days)
    print(f"{gone} rows older than {settings.retention_days} days deleted")
    return 0


def _calibrate(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.calibrate import run

    result = run(args.dataset, settings, args.corpus, args.folds, args.write, args.work_dir,
                 progress=not args.quiet, l2=args.l2, negatives=args.negatives,
                 intent_sets=args.intent_sets)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


def _eval(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.evaluate import run

    if args.mode == "generative":
        from assistant.evaluate_generative import run as run_generative

        result = run_generative(args.dataset, args.format, settings, args.corpus, args.work_dir,
                                progress=not args.quiet, limit=args.limit)
        print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 2))
        return 0
    result = run(args.dataset, args.format, settings, args.corpus, args.work_dir, progress=not args.quiet)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        for key, value in result.items():
            print(f"{key:>22}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
