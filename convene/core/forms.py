"""GOV.UK Design System form rendering: every field renders label, hint and error in place."""

from django import forms
from django.forms.renderers import DjangoTemplates
from django.forms.utils import pretty_name

INPUT_CLASSES = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.FileInput: "govuk-file-upload",
    forms.ClearableFileInput: "govuk-file-upload",
    forms.CheckboxInput: "govuk-checkboxes__input",
    forms.RadioSelect: "govuk-radios__input",
    forms.CheckboxSelectMultiple: "govuk-checkboxes__input",
}


class GovukFormRenderer(DjangoTemplates):
    field_template_name = "core/forms/field.html"


class GovukFieldsMixin:
    """Adds GOV.UK classes, and aria-describedby for hints and errors, to every widget.

    Forms render with settings.FORM_RENDERER (GovukFormRenderer), one instance for the
    process. (A renderer class here would be made anew for every form, each with its own
    template engine, so every form's templates were parsed again on every page: 11 ms of a
    directory page.)"""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs["class"] = INPUT_CLASSES.get(type(field.widget), "govuk-input")
            # Text fields refuse NUL (PostgreSQL cannot store it); say which field has it.
            field.error_messages.setdefault(
                "null_characters_not_allowed",
                f"{(field.label or pretty_name(name)).removesuffix(' (optional)')} "
                "must not contain null characters",
            )
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}-hint"

    def add_error(self, field, error):
        # Every error passes through here: those found while cleaning, and a service's
        # refusal that a view adds afterwards, so both are styled and described alike.
        super().add_error(field, error)
        for name in self._errors:
            if name in self.fields:
                self._mark_invalid(self.fields[name].widget.attrs, name)

    @staticmethod
    def _mark_invalid(attrs: dict, name: str) -> None:
        error_class = attrs["class"].split()[0] + "--error"
        if error_class not in attrs["class"].split():
            attrs["class"] = f"{attrs['class']} {error_class}"
        described = attrs.get("aria-describedby", "").split()
        if f"id_{name}-error" not in described:
            attrs["aria-describedby"] = " ".join([*described, f"id_{name}-error"])


class GovukForm(GovukFieldsMixin, forms.Form):
    pass


class GovukModelForm(GovukFieldsMixin, forms.ModelForm):
    pass
