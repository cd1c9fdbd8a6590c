"""The procurement assistant core: settings, domain types, store adapter, retrieval, answers, CLI.

Nothing here imports FastAPI; the API in ``api/`` builds on this package, and so does ``ingest/``.
"""
