from django.apps import AppConfig
from django.db.models.signals import post_save


class ConnectionsConfig(AppConfig):
    name = "convene.connections"

    def ready(self):
        from convene.connections.signals import profile_saved
        from convene.directory.models import Profile

        post_save.connect(profile_saved, sender=Profile, dispatch_uid="peer-vectors")
