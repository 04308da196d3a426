import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """Notices get a kind and references to what they are about (0003 fills them from the
    stored text, 0004 drops the text)."""

    dependencies = [
        ("connections", "0005_ask_the_network"),
        ("notifications", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="notice",
            name="kind",
            field=models.CharField(
                choices=[
                    ("introduction_requested", "{person} would like to meet you"),
                    ("introduction_suggested", "{by} suggests you meet {person}"),
                    ("introduced", "You and {person} are introduced"),
                    ("introduction_closed", "Your introduction to {person} has closed"),
                    ("question_replied", "{replier} replied to your question"),
                    (
                        "post_hidden",
                        "Something you posted was hidden by Convene staff: {reason}",
                    ),
                ],
                default="",
                max_length=30,
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="notice",
            name="person",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="notice",
            name="by",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="notice",
            name="introduction",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="connections.introduction",
            ),
        ),
        migrations.AddField(
            model_name="notice",
            name="question",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="connections.question",
            ),
        ),
        migrations.AddField(
            model_name="notice",
            name="reply",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="connections.reply",
            ),
        ),
        # A default, so that going back past 0004 can add the columns to stored rows.
        migrations.AlterField(
            model_name="notice", name="text", field=models.CharField(default="", max_length=300)
        ),
        migrations.AlterField(
            model_name="notice", name="url", field=models.CharField(default="", max_length=300)
        ),
    ]
