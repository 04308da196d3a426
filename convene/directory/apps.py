from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, pre_delete


class DirectoryConfig(AppConfig):
    name = "convene.directory"

    def ready(self):
        from convene.directory.models import Profile
        from convene.directory.signals import (
            cohort_deleted,
            cohort_deleting,
            cohort_members_changed,
        )
        from convene.programmes.models import Cohort

        m2m_changed.connect(
            cohort_members_changed,
            sender=Profile.cohorts.through,
            dispatch_uid="cohort-search-entries",
        )
        pre_delete.connect(cohort_deleting, sender=Cohort, dispatch_uid="cohort-deleting")
        post_delete.connect(cohort_deleted, sender=Cohort, dispatch_uid="cohort-deleted")
