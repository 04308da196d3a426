"""Peer suggestions: leaders whose work answers this leader's challenges, across boundaries.

A leader's *needs* are what they are working on and would like help with; every other
leader's *offers* are what they are working on and can help with. Similarity is the
cosine of the two as sentence embeddings (WordLlama, whose model ships inside the
package and runs offline: the optional ``embeddings`` extra) or, without the extra, as
TF-IDF vectors. Leaders in another sector or region are favoured; the leader's own
organisation, people already introduced and suggestions they hid are left out. Each
suggestion names the challenge they share.
"""

import hashlib
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from threading import Lock

import numpy as np
from django.conf import settings
from django.db import transaction
from sklearn.feature_extraction.text import TfidfVectorizer

from convene.accounts.models import Role, User
from convene.connections.models import HiddenSuggestion, ProfileVector
from convene.connections.services import graph, introductions
from convene.directory.models import Profile
from convene.directory.services.derived import topic_names

# Topics are the challenges leaders name themselves, the same words in every sector: they
# carry the match where sectors word the same problem differently.
TOPIC_WEIGHT = 0.5
# Convene exists to cross boundaries: a peer in another sector or place counts for more.
OTHER_SECTOR_BONUS = 0.3
OTHER_REGION_BONUS = 0.1
BATCH = 1000
MATRIX_SECONDS = 300


def needs_text(profile) -> str:
    return f"{profile.working_on} {profile.want_help_with}".strip()


def offers_text(profile) -> str:
    return f"{profile.working_on} {profile.can_help_with}".strip()


def _source_hash(profile) -> str:
    texts = "\x1f".join([profile.working_on, profile.can_help_with, profile.want_help_with])
    return hashlib.sha256(texts.encode()).hexdigest()


class WordLlamaEmbedder:
    name = "wordllama-l2-supercat-256"

    def __init__(self):
        import wordllama
        from wordllama import WordLlama

        # The package looks for its bundled tokenizer in the wrong folder and would then
        # download it; a private cache holding the bundled file keeps it offline.
        bundled = Path(wordllama.__file__).parent / "tokenizers"
        cache_dir = Path(tempfile.mkdtemp(prefix="convene-wordllama-"))
        for folder in ("tokenizer", "tokenizers"):
            shutil.copytree(bundled, cache_dir / folder)
        self.model = WordLlama.load(cache_dir=cache_dir, disable_download=True)

    def embed(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self.model.embed(texts, norm=True), dtype=np.float32)


@cache
def embedder() -> WordLlamaEmbedder | None:
    """The sentence-embedding model, or None when the extra is absent or turned off."""
    if settings.PEER_MATCHER == "tfidf":
        return None
    try:
        return WordLlamaEmbedder()
    except ImportError:
        return None


def matcher_name() -> str:
    model = embedder()
    return model.name if model else "tfidf"


def refresh(profile_ids: list[int] | None = None) -> int:
    """Embed the profiles whose texts (or the model) changed; how many were embedded.
    Without the embeddings extra there is nothing to store: TF-IDF is fitted on demand."""
    model = embedder()
    if model is None:
        return 0
    profiles = Profile.objects.only("pk", "working_on", "can_help_with", "want_help_with")
    if profile_ids is not None:
        profiles = profiles.filter(pk__in=profile_ids)
    kept = dict(
        ProfileVector.objects.filter(model=model.name).values_list("profile_id", "source_hash")
    )
    stale = [p for p in profiles.iterator(chunk_size=BATCH) if kept.get(p.pk) != _source_hash(p)]
    for start in range(0, len(stale), BATCH):
        batch = stale[start : start + BATCH]
        needs = model.embed([needs_text(p) or " " for p in batch])
        offers = model.embed([offers_text(p) or " " for p in batch])
        with transaction.atomic():
            ProfileVector.objects.filter(profile_id__in=[p.pk for p in batch]).delete()
            ProfileVector.objects.bulk_create(
                ProfileVector(
                    profile_id=p.pk,
                    model=model.name,
                    needs=needs[i].tobytes(),
                    offers=offers[i].tobytes(),
                    source_hash=_source_hash(p),
                )
                for i, p in enumerate(batch)
            )
    _matrix_cache.clear()
    return len(stale)


@dataclass
class Candidates:
    """Every listed leader's offers as rows of one matrix, with what the rules need."""

    profile_ids: np.ndarray
    user_ids: np.ndarray
    organisation_ids: np.ndarray
    sectors: np.ndarray
    regions: np.ndarray
    offers: object  # numpy array (embeddings) or scipy sparse matrix (TF-IDF)
    needs_of: callable
    # Each candidate's topic tags, one normalised row each (scipy sparse).
    topics: object
    topic_row_of: dict
    built_at: float


_matrix_cache: dict[str, Candidates] = {}
_lock = Lock()


def _listed(with_texts: bool):
    """Every listed leader's facts; their texts only for TF-IDF (embeddings are stored)."""
    texts = ("working_on", "can_help_with", "want_help_with") if with_texts else ()
    return (
        Profile.objects.filter(user__is_active=True, user__role=Role.MEMBER)
        .order_by("pk")
        .values_list(
            "pk",
            "user_id",
            "organisation_id",
            "organisation__sector",
            "organisation__region",
            *texts,
        )
    )


def _vector(stored) -> np.ndarray:
    return np.frombuffer(bytes(stored), dtype=np.float32)


def _topics(ids: np.ndarray):
    """Each profile's topic tags as a row of 1s, L2-normalised (so rows' dot is a cosine)."""
    from scipy.sparse import csr_matrix
    from sklearn.preprocessing import normalize

    index = {pk: i for i, pk in enumerate(ids.tolist())}
    pairs = [
        (index[pk], topic)
        for pk, topic in Profile.topic_tags.through.objects.values_list("profile_id", "topic_id")
        if pk in index
    ]
    width = max((topic for _, topic in pairs), default=0) + 1
    matrix = csr_matrix(
        ([1.0] * len(pairs), ([i for i, _ in pairs], [t for _, t in pairs])),
        shape=(len(ids), width),
    )
    return normalize(matrix), index


def _embedded(model, ids: np.ndarray, rows: list):
    """The stored offers as a matrix, and how to read one leader's stored needs."""
    stored = ProfileVector.objects.filter(model=model.name)
    vectors = {pk: _vector(offers) for pk, offers in stored.values_list("profile_id", "offers")}
    width = len(next(iter(vectors.values()))) if vectors else 1
    blank = np.zeros(width, dtype=np.float32)
    offers = np.vstack([vectors.get(pk, blank) for pk in ids] or [blank])

    def needs_of(pk):
        # One leader's needs at a time: only the matrix of offers is kept in memory.
        found = stored.filter(profile_id=pk).values_list("needs", flat=True).first()
        return None if found is None else _vector(found)

    return offers, needs_of


def _tf_idf(rows: list):
    """TF-IDF fitted on everyone's texts now: offers as sparse rows, needs on demand."""
    vectoriser = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1)
    try:
        offers = vectoriser.fit_transform([f"{r[5]} {r[6]}" for r in rows] or [" "])
    except ValueError:
        # Nobody has written a word to match yet (new members start with empty texts):
        # there is nothing to suggest.
        from scipy.sparse import csr_matrix

        return csr_matrix((max(len(rows), 1), 1)), lambda pk: None
    need_texts = {r[0]: f"{r[5]} {r[7]}" for r in rows}

    def needs_of(pk):
        text = need_texts.get(pk)
        return None if text is None else vectoriser.transform([text])

    return offers, needs_of


def _build(model) -> Candidates:
    rows = list(_listed(with_texts=model is None))
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    offers, needs_of = _embedded(model, ids, rows) if model is not None else _tf_idf(rows)
    return Candidates(
        profile_ids=ids,
        user_ids=np.array([r[1] for r in rows], dtype=np.int64),
        organisation_ids=np.array([r[2] for r in rows], dtype=np.int64),
        sectors=np.array([r[3] for r in rows], dtype=object),
        regions=np.array([r[4] or "" for r in rows], dtype=object),
        offers=offers,
        needs_of=needs_of,
        topics=(topics := _topics(ids))[0],
        topic_row_of=topics[1],
        built_at=time.monotonic(),
    )


def candidates() -> Candidates:
    model = embedder()
    key = matcher_name()
    with _lock:
        found = _matrix_cache.get(key)
        if found is None or time.monotonic() - found.built_at > MATRIX_SECONDS:
            found = _matrix_cache[key] = _build(model)
        return found


def forget() -> None:
    with _lock:
        _matrix_cache.clear()


@dataclass(frozen=True)
class Suggestion:
    profile: Profile
    score: float
    reason: str


def suggestions_for(user: User, count: int | None = None) -> list[Suggestion]:
    count = count or settings.PEER_SUGGESTIONS
    me = Profile.objects.select_related("organisation").filter(user=user).first()
    if me is None:
        return []
    found = candidates()
    need = found.needs_of(me.pk)
    if need is None:
        return []
    scores = _similarities(found.offers, need)
    mine = found.topic_row_of.get(me.pk)
    if mine is not None:
        scores += TOPIC_WEIGHT * (found.topics @ found.topics[mine].T).toarray().ravel()
    scores *= 1 + OTHER_SECTOR_BONUS * (found.sectors != me.organisation.sector_id)
    scores *= 1 + OTHER_REGION_BONUS * (found.regions != (me.organisation.region_id or ""))
    # Not those already introduced, nor those an introduction with is open either way.
    known = [user.pk, *graph.introduced_to(user), *introductions.open_with(user)]
    excluded = np.isin(found.user_ids, known)
    excluded |= found.organisation_ids == me.organisation_id
    hidden = HiddenSuggestion.objects.filter(member=user).values_list("profile_id", flat=True)
    excluded |= np.isin(found.profile_ids, list(hidden))
    scores[excluded] = -np.inf
    best = [i for i in np.argsort(-scores)[: count * 2] if scores[i] > 0][:count]
    chosen = Profile.objects.select_related("organisation").prefetch_related("topic_tags")
    chosen = chosen.in_bulk(found.profile_ids[best].tolist())
    # In the order the leader wrote them: the first is usually their main challenge.
    my_topics = topic_names(me.topics)
    return [
        Suggestion(chosen[pk], float(scores[i]), _reason(me, chosen[pk], my_topics))
        for i, pk in ((i, int(found.profile_ids[i])) for i in best)
        if pk in chosen
    ]


def _similarities(offers, need) -> np.ndarray:
    """Cosine of every candidate's offers with this need (both are L2-normalised)."""
    if hasattr(need, "toarray"):  # TF-IDF: sparse rows
        return (offers @ need.T).toarray().ravel().astype(np.float64)
    return (offers @ need).astype(np.float64)


WORD = re.compile(r"[a-z]{5,}")


def _reason(me: Profile, other: Profile, my_topics: list[str]) -> str:
    """One line naming the challenge they share: a topic both chose, else the words their
    texts share, else what the other is working on."""
    theirs = {t.name for t in other.topic_tags.all()}
    shared = [topic for topic in my_topics if topic in theirs]
    if shared:
        return f"Also working on {shared[0]}"
    mine = set(WORD.findall(needs_text(me).lower()))
    theirs = WORD.findall(offers_text(other).lower())
    common = [word for word in dict.fromkeys(theirs) if word in mine]
    if common:
        return f"Also working on {', '.join(common[:3])}"
    return f"Working on {other.working_on[:80]}".strip()
