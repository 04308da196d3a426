"""How a profile's derived fields are worked out from what the leader wrote: the normalised
job title and the topic tags the directory filters on. Writers never call these directly:
services/derived_data.py does, for every change.
"""

import re
from collections.abc import Iterable

from convene.directory.models import JobTitle, Profile, Topic

MAX_TOPIC_LENGTH = Topic._meta.get_field("name").max_length
BATCH = 500


class JobTitles:
    """Every normalised title's phrases, longest first, loaded once per batch."""

    def __init__(self, phrases: list[tuple[str, int]]):
        self.phrases = sorted(phrases, key=lambda pair: -len(pair[0]))

    @classmethod
    def load(cls) -> "JobTitles":
        return cls([(p, title.pk) for title in JobTitle.objects.all() for p in title.phrase_list()])

    def classify(self, job_title: str) -> int | None:
        """The normalised title whose longest phrase appears, as whole words, in the title."""
        text = " ".join(re.sub(r"[^a-z0-9&']+", " ", job_title.lower()).split())
        padded = f" {text} "
        for phrase, pk in self.phrases:
            if f" {phrase} " in padded:
                return pk
        return None


def topic_names(topics: str) -> list[str]:
    names = (" ".join(part.lower().split()) for part in topics.split(","))
    return list(dict.fromkeys(name[:MAX_TOPIC_LENGTH] for name in names if name))


def tag_topics(profiles: Iterable[Profile], through=None, topic_model=Topic) -> None:
    """Set each saved profile's topic tags from its topics text, creating new tags.

    ``through`` and ``topic_model`` let a migration pass its historical models.
    """
    through = through or Profile.topic_tags.through
    profiles = list(profiles)
    for start in range(0, len(profiles), BATCH):
        wanted = {p.pk: topic_names(p.topics) for p in profiles[start : start + BATCH]}
        names = {name for names in wanted.values() for name in names}
        topic_model.objects.bulk_create(
            [topic_model(name=name) for name in names], ignore_conflicts=True
        )
        ids = dict(topic_model.objects.filter(name__in=names).values_list("name", "pk"))
        through.objects.filter(profile_id__in=wanted).delete()
        through.objects.bulk_create(
            [
                through(profile_id=profile_id, topic_id=ids[name])
                for profile_id, names in wanted.items()
                for name in names
            ]
        )
