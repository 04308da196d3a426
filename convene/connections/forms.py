from django import forms

from convene.connections.services.introductions import MAX_REASON
from convene.core.forms import GovukForm


class IntroductionForm(GovukForm):
    reason = forms.CharField(
        label="Why would you like to be introduced?",
        help_text="Only the two of you will read this, not your delegates",
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Say why you would like to be introduced",
            "max_length": f"Say why in {MAX_REASON:,} characters or fewer",
        },
    )
