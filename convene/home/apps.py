from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The pages that bring the other apps together for one person: their home page.
    It sits above every other app (docs/decisions/0028-layers.md): nothing imports it."""

    name = "convene.home"
