"""Declines close at expiry, told as a lapse is (ADR 27).

Requests declined or lapsed before this were told at once: they count as told. Who
declined a brokered one was not kept: it is taken to be the recipient."""

from django.db import migrations, models


def told_already(apps, schema_editor):
    Introduction = apps.get_model("connections", "Introduction")
    declined = Introduction.objects.filter(status="declined")
    declined.update(recipient_declined=True, closure_told_at=models.F("responded_at"))
    Introduction.objects.filter(status="lapsed").update(closure_told_at=models.F("expires_at"))


class Migration(migrations.Migration):

    dependencies = [
        ('connections', '0005_ask_the_network'),
    ]

    operations = [
        migrations.AddField(
            model_name='introduction',
            name='closure_told_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='introduction',
            name='recipient_declined',
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name='introduction',
            name='requester_declined',
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(told_already, migrations.RunPython.noop),
    ]
