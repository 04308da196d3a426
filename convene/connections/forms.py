from django import forms

from convene.accounts.forms import CanonicalEmailField
from convene.accounts.models import Role, User
from convene.connections.models import Question
from convene.connections.services.introductions import MAX_REASON
from convene.connections.services.questions import MAX_TEXT, description
from convene.core.forms import GovukForm
from convene.directory.models import Region, Sector


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


class LeaderField(CanonicalEmailField):
    """A member, found by their e-mail address in its canonical form (ADR 20)."""

    def clean(self, value):
        email = super().clean(value)
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


class QuestionForm(GovukForm):
    text = forms.CharField(
        label="Your question or challenge",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Write your question",
            "max_length": "Your question must be 2,000 characters or fewer",
        },
    )
    sectors = forms.MultipleChoiceField(
        label="Sectors to ask",
        help_text="Leave all unticked to ask every sector",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    regions = forms.MultipleChoiceField(
        label="Regions to ask",
        help_text="Leave all unticked to ask everywhere",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    cohort = forms.ChoiceField(label="Only your cohort", required=False)
    anonymous = forms.BooleanField(label="Post without my name", required=False)

    def __init__(self, *args, author: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sectors"].choices = list(Sector.objects.values_list("code", "name"))
        self.fields["regions"].choices = list(Region.objects.values_list("code", "name"))
        self.fields["cohort"].choices = [("", "No: anyone in the sectors and regions chosen")] + [
            (str(cohort.pk), cohort.name) for cohort in author.profile.cohorts.all()
        ]
        self.fields["anonymous"].help_text = (
            f"Shown as “{description(author.profile)}”. Allowed only when enough people "
            "in the audience share that description; Convene staff can still see it is you"
        )


class ReplyForm(GovukForm):
    # Blank and too long are the service's refusals (questions.reply), said the same way
    # wherever a reply comes from; the form refuses what cannot be stored at all.
    text = forms.CharField(label="Your reply", max_length=MAX_TEXT, required=False)


class ItemForm(GovukForm):
    """What a report or a moderator's hide or restore is about: the question, or (``reply``)
    one of its replies; and why. A reply id that is not one of the question's replies
    (letters, 25 digits, another question's) is not valid: the view answers "not found"."""

    reply = forms.ModelChoiceField(queryset=None, required=False)
    reason = forms.CharField(label="The reason", required=False)

    def __init__(self, *args, question: Question, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reply"].queryset = question.replies.all()
