"""GOV.UK Design System form rendering: every field renders label, hint and error in place."""

from django import forms
from django.forms.renderers import DjangoTemplates

INPUT_CLASSES = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
}


class GovukFormRenderer(DjangoTemplates):
    field_template_name = "core/forms/field.html"


class GovukForm(forms.Form):
    """Adds GOV.UK classes, and aria-describedby for hints and errors, to every widget."""

    default_renderer = GovukFormRenderer

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs["class"] = INPUT_CLASSES.get(type(field.widget), "govuk-input")
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}-hint"

    def full_clean(self):
        super().full_clean()
        for name in self._errors or {}:
            if name not in self.fields:
                continue
            attrs = self.fields[name].widget.attrs
            attrs["class"] = f"{attrs['class']} {attrs['class']}--error"
            attrs["aria-describedby"] = " ".join(
                filter(None, [attrs.get("aria-describedby"), f"id_{name}-error"])
            )
