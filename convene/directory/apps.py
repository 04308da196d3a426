from django.apps import AppConfig
from django.db.models.signals import m2m_changed


class DirectoryConfig(AppConfig):
    name = "convene.directory"

    def ready(self):
        from convene.directory.models import Profile
        from convene.directory.signals import cohort_members_changed

        m2m_changed.connect(
            cohort_members_changed,
            sender=Profile.cohorts.through,
            dispatch_uid="cohort-search-entries",
        )
