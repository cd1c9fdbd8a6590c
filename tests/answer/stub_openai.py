"""A tiny OpenAI-compatible chat server for tests: replies with given text (streamed or not), or a status.

It records every request body, so a test can check what reached "the provider" over real HTTP.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class StubOpenAI:
    def __init__(self, port: int) -> None:
        self.replies: list[str | int] = []  # text to answer with, or an HTTP status to fail with
        self.requests: list[dict[str, Any]] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                stub.requests.append(body)
                reply = stub.replies.pop(0) if stub.replies else "OK"
                if isinstance(reply, int):
                    self._send(reply, "application/json", json.dumps({"error": {"message": "boom"}}).encode())
                elif body.get("stream"):
                    self._stream(reply)
                else:
                    self._send(200, "application/json", json.dumps(_completion(reply)).encode())

            def _send(self, status: int, kind: str, data: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, text: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                for i in range(0, len(text), 12):
                    chunk = _chunk({"content": text[i : i + 12]} if i else {"role": "assistant",
                                                                            "content": text[:12]})
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                self.wfile.write(f"data: {json.dumps(_chunk({}, 'stop'))}\n\ndata: [DONE]\n\n".encode())

        self.server = _Server(("127.0.0.1", port), Handler)
        self.url = f"http://127.0.0.1:{port}/v1"

    def __enter__(self) -> StubOpenAI:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):  # a client that gave up (timeout tests)
            super().handle_error(request, client_address)


def _completion(text: str) -> dict:
    return {"id": "stub", "object": "chat.completion", "created": int(time.time()), "model": "stub",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}


def _chunk(delta: dict, finish: str | None = None) -> dict:
    return {"id": "stub", "object": "chat.completion.chunk", "created": int(time.time()), "model": "stub",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
