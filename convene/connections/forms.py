from django import forms

from convene.accounts.models import Role, User
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


class LeaderField(forms.EmailField):
    """A member, found by their e-mail address."""

    def clean(self, value):
        email = super().clean(value).lower()
        leader = User.objects.filter(email=email, role=Role.MEMBER, is_active=True).first()
        if leader is None:
            raise forms.ValidationError(f"No leader in Convene has the address {email}")
        return leader


class BrokerForm(GovukForm):
    first = LeaderField(
        label="First leader's e-mail address",
        error_messages={"required": "Enter the first leader's e-mail address"},
    )
    second = LeaderField(
        label="Second leader's e-mail address",
        error_messages={"required": "Enter the second leader's e-mail address"},
    )
    reason = forms.CharField(
        label="Why should they meet?",
        help_text="Both leaders read this",
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Say why they should meet",
            "max_length": f"Say why in {MAX_REASON:,} characters or fewer",
        },
    )
