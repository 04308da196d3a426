"""Member invitations name the organisation and job title their profile is created with.

An open member invitation sent before this has neither, and accepting it could not give the
member their profile: it is revoked, so the invitation list shows it as revoked and staff
send it again with an organisation and job title (docs/decisions/0025).
"""

import django.db.models.deletion
from django.db import migrations, models
from django.utils import timezone


def revoke_open_member_invitations_without_organisation(apps, schema_editor):
    Invitation = apps.get_model("accounts", "Invitation")
    Invitation.objects.filter(
        role="member",
        organisation__isnull=True,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
    ).update(revoked_at=timezone.now())


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_search_indexes'),
        ('directory', '0017_organisation_search_name'),
    ]

    operations = [
        migrations.AddField(
            model_name='invitation',
            name='job_title',
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name='invitation',
            name='organisation',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='directory.organisation'),
        ),
        migrations.RunPython(
            revoke_open_member_invitations_without_organisation, migrations.RunPython.noop
        ),
    ]
