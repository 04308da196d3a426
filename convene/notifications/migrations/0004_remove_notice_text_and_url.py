from django.db import migrations


class Migration(migrations.Migration):
    """No notice keeps a name or a link any more: both are rendered when shown."""

    dependencies = [("notifications", "0003_notices_from_their_text")]

    operations = [
        migrations.RemoveField(model_name="notice", name="text"),
        migrations.RemoveField(model_name="notice", name="url"),
    ]
