from django import forms
from django.db.models import QuerySet

from convene.accounts.models import User
from convene.connections.models import Question
from convene.connections.services.introductions import MAX_REASON
from convene.connections.services.questions import MAX_TEXT, description
from convene.core.forms import GovukForm
from convene.directory.models import Profile, Region, Sector
from convene.directory.services import search


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


# Enough to pick from; more means the name typed is too short to tell people apart.
MAX_MATCHES = 10
LEADERS = {"first": "first leader", "second": "second leader"}


def _name_field(leader: str) -> forms.CharField:
    return forms.CharField(
        label=f"The {leader}'s name",
        max_length=200,
        error_messages={
            "required": f"Enter the {leader}'s name",
            "max_length": f"The {leader}'s name must be 200 characters or fewer",
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class LeaderSearchForm(GovukForm):
    """The names a facilitator types to find the two leaders: asked with GET, so the
    matches are listed to choose from without JavaScript. Found by the directory's own
    search (names count most there), so a misspelt name still finds its leader."""

    first_name = _name_field(LEADERS["first"])
    second_name = _name_field(LEADERS["second"])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each leader's matches, best first, once the names are valid.
        self.matches: dict[str, QuerySet] = {}
        self.totals: dict[str, int] = {}

    def clean(self):
        for leader in LEADERS:
            name = self.cleaned_data.get(f"{leader}_name")
            if name is None:
                continue
            found, total = search.matching_profiles(name, {})
            if not total:
                self.add_error(
                    f"{leader}_name",
                    f"No leader in Convene matches “{name}”: check the spelling, "
                    "or type their family name only",
                )
                continue
            best = list(found.values_list("pk", flat=True)[:MAX_MATCHES])
            self.matches[leader] = found.filter(pk__in=best)
            self.totals[leader] = total
        return self.cleaned_data


class LeaderChoiceField(forms.ModelChoiceField):
    """One of the leaders a name found, chosen by the key of their profile."""

    widget = forms.RadioSelect

    def label_from_instance(self, profile):
        return ", ".join(
            part for part in (str(profile), profile.job_title, profile.organisation.name) if part
        )


def _choice_field(leader: str) -> LeaderChoiceField:
    return LeaderChoiceField(
        queryset=Profile.objects.none(),
        label=f"Choose the {leader}",
        empty_label=None,
        error_messages={
            "required": f"Choose the {leader}",
            "invalid_choice": f"Choose the {leader} from the leaders listed",
        },
    )


class BrokerForm(GovukForm):
    """The two leaders, chosen from the matches of LeaderSearchForm, and why they should
    meet. The names searched for come back with it, so the same matches are listed again
    with any error; a key that is not one of them is refused."""

    first = _choice_field(LEADERS["first"])
    second = _choice_field(LEADERS["second"])
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

    def __init__(self, *args, search: LeaderSearchForm, **kwargs):
        super().__init__(*args, **kwargs)
        for leader, found in search.matches.items():
            field = self.fields[leader]
            field.queryset = found.select_related("organisation")
            total = search.totals[leader]
            if total > MAX_MATCHES:
                field.help_text = (
                    f"The {MAX_MATCHES} best matches of {total:,}: "
                    "search again with more of the name to narrow the list"
                )
            elif total == 1:
                field.initial = found.get().pk

    def clean(self):
        first, second = self.cleaned_data.get("first"), self.cleaned_data.get("second")
        if first is not None and first == second:
            self.add_error("second", "Choose two different leaders")
        return self.cleaned_data


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
