"""The case workers' view of the question log: filters and near-duplicate groups over masked rows.

Rows come from :meth:`QuestionLog.recent` (already masked and bounded by retention), so the
filtering happens in memory, as the frequent-questions grouping already does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.index import terms
from assistant.questionlog import _near

FEEDBACK = ("up", "down", "any", "none")


@dataclass
class QuestionFilter:
    answered: bool | None = None
    reasons: list[str] = field(default_factory=list)
    date_from: str | None = None  # ISO day, inclusive
    date_to: str | None = None
    feedback: str | None = None  # up, down, any (some vote or comment), none

    def accepts(self, row: dict) -> bool:
        day = row["created_at"][:10]
        return (
            (self.answered is None or row["answered"] == self.answered)
            and (not self.reasons or (row["reason"] or "") in self.reasons)
            and (not self.date_from or day >= self.date_from)
            and (not self.date_to or day <= self.date_to)
            and _has_feedback(row, self.feedback)
        )


def _has_feedback(row: dict, wanted: str | None) -> bool:
    some = bool(row["up"] or row["down"] or row["comments"])
    return {None: True, "up": row["up"] > 0, "down": row["down"] > 0, "any": some, "none": not some}[wanted]


def select(rows: list[dict], wanted: QuestionFilter) -> list[dict]:
    return [r for r in rows if wanted.accepts(r)]


def group(rows: list[dict], limit: int = 50, similarity: float = 0.6) -> list[dict]:
    """Near-duplicates grouped (the same rule as the frequent questions), most asked first.

    Each group keeps the newest wording, its answer ids, how often it was answered and the votes.
    """
    groups: list[dict] = []
    for row in rows:  # newest first
        stems = set(terms(row["question"]))
        found = next((g for g in groups if _near(stems, g["stems"], similarity)), None)
        if found is None:
            found = {"question": row["question"], "stems": stems, "count": 0, "answered": 0, "up": 0, "down": 0,
                     "last_asked": row["created_at"], "reasons": [], "examples": [], "answer_ids": []}
            groups.append(found)
        found["count"] += 1
        found["answered"] += int(row["answered"])
        found["up"] += row["up"]
        found["down"] += row["down"]
        found["answer_ids"].append(row["answer_id"])
        if row["reason"] and row["reason"] not in found["reasons"]:
            found["reasons"].append(row["reason"])
        if len(found["examples"]) < 5 and row["question"] not in found["examples"]:
            found["examples"].append(row["question"])
    ranked = sorted(groups, key=lambda g: -g["count"])[:limit]
    return [{k: v for k, v in g.items() if k != "stems"} for g in ranked]
