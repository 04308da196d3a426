from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_save


class ConnectionsConfig(AppConfig):
    name = "convene.connections"

    def ready(self):
        from convene.connections.signals import cohort_members_changed, profile_saved
        from convene.directory.models import Profile

        post_save.connect(profile_saved, sender=Profile, dispatch_uid="peer-vectors")
        m2m_changed.connect(
            cohort_members_changed, sender=Profile.cohorts.through, dispatch_uid="cohort-edges"
        )
