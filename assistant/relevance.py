"""Which search hits are about the query at all (the case workers' search, not the chat).

Dense search always returns nearest neighbours, so a nonsense word such as ``xyzzy`` used to
list every chunk. A hit is kept when it shares a stemmed word with the query, or when one of
its sentences stands clearly above the median sentence in similarity to the query. Measured
on the project corpus (e5-small): nonsense words (xyzzy, qwrtp, asdfgh, kake, fotball) reach
at most 0.063 above the median; meaningful English questions with no shared word reach
0.087-0.103 for their right chunk (dialogue conference, energy plus building, elderly people).
"""

from __future__ import annotations

import numpy as np

from assistant.models import Hit
from assistant.retrieve import Retrieval

DENSE_MARGIN = 0.08


def relevant_hits(found: Retrieval, margin: float = DENSE_MARGIN) -> list[Hit]:
    """The hits with a lexical match or a sentence at least ``margin`` above the median similarity."""
    query = np.asarray(found.query_vector, dtype=np.float32)
    floor = found.snapshot.median_similarity(query) + margin
    kept = [h for h in found.hits if h.lexical_rank is not None or _best_sentence(found, h, query) >= floor]
    return [h.model_copy(update={"rank": i}) for i, h in enumerate(kept, start=1)]


def _best_sentence(found: Retrieval, hit: Hit, query: np.ndarray) -> float:
    spans = found.snapshot.sentences.get(hit.chunk.chunk_id, [])
    vectors = found.snapshot.vectors
    if not spans or vectors.shape[1] != query.shape[0]:
        return float("-inf")
    return float(np.max(vectors[[i for _, _, i in spans]] @ query))
