from django import forms

from convene.accounts.email_addresses import REFUSALS, EmailRefused, canonical_email
from convene.accounts.models import Role
from convene.core.forms import GovukForm

EMAIL_ERRORS = {code: REFUSALS[code][0] for code in ("invalid", "max_length")}


class CanonicalEmailField(forms.EmailField):
    """An address, cleaned to its canonical form (ADR 20) before it is checked.

    So a look-alike (a fullwidth "r", U+FF52, in "researcher@…") is the address it looks
    like, and one that cannot be canonical is refused with why. The refusal depends only
    on what was typed, never on whether any account has an address like it: the sign-in
    page still says nothing about accounts.
    """

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        try:
            return canonical_email(value)
        except EmailRefused as refused:
            raise forms.ValidationError(refused.message, code=refused.code) from None


def email_field(label: str, *, required: str, autocomplete: str = "email") -> CanonicalEmailField:
    return CanonicalEmailField(
        label=label,
        max_length=254,
        error_messages={"required": required, **EMAIL_ERRORS},
        widget=forms.EmailInput(
            attrs={"autocomplete": autocomplete, "spellcheck": "false", "inputmode": "email"}
        ),
    )


def full_name_field(label: str = "Full name") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=200,
        required=False,
        error_messages={"max_length": "Full name must be 200 characters or fewer"},
    )


def role_field(label: str = "Role", **kwargs) -> forms.ChoiceField:
    kwargs.setdefault("choices", Role.choices)
    messages = {"required": "Select a role", "invalid_choice": "Select a role from the list"}
    return forms.ChoiceField(label=label, error_messages=messages, **kwargs)


class SignInForm(GovukForm):
    email = email_field("Work e-mail address", required="Enter your work e-mail address")


class InviteForm(GovukForm):
    email = email_field(
        "E-mail address",
        required="Enter the e-mail address of the person to invite",
        autocomplete="off",
    )
    full_name = full_name_field()
    role = role_field(initial=Role.MEMBER)


class InviteListForm(GovukForm):
    addresses = forms.CharField(
        label="E-mail addresses",
        help_text=(
            "One person a line: an e-mail address, then a comma and their name if you have it."
        ),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=200_000,
        error_messages={
            "required": "Enter at least one e-mail address",
            "max_length": "The list is too long: send at most 1,000 people at a time",
        },
    )
    role = role_field("Role for everyone in the list", initial=Role.MEMBER)


class AuthenticatorCodeForm(GovukForm):
    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6-digit code shown in the app, for example 123456",
        max_length=20,
        error_messages={
            "required": "Enter the 6-digit code from your authenticator app",
            "max_length": "Enter the 6-digit code from your authenticator app",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            {
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input govuk-input--width-10",
            }
        )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError("The code must be 6 digits, like 123456")
        return code


class RecoveryCodeForm(GovukForm):
    code = forms.CharField(
        label="Recovery code",
        help_text="One of the codes you saved when you set up your app, like abcd-efgh-jk",
        max_length=40,
        error_messages={
            "required": "Enter one of your recovery codes",
            "max_length": "Recovery codes are 12 characters, like abcd-efgh-jk",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            {
                "autocomplete": "off",
                "spellcheck": "false",
                "class": "govuk-input govuk-input--width-20",
            }
        )
