"""GOV.UK form rendering."""

import pytest
from django import forms

from convene.core.forms import GovukForm, GovukFormRenderer


class NameForm(GovukForm):
    name = forms.CharField(label="Your name", help_text="As you would like it shown")


def test_every_form_renders_with_one_renderer_so_its_templates_are_parsed_once():
    first, second = NameForm(), NameForm()
    assert isinstance(first.renderer, GovukFormRenderer)
    assert first.renderer is second.renderer


@pytest.mark.parametrize("data", [None, {"name": ""}])
def test_a_field_renders_its_label_hint_and_error_the_govuk_way(data):
    form = NameForm(data)
    html = str(form["name"].as_field_group())
    assert 'class="govuk-label"' in html and "Your name" in html
    assert 'id="id_name-hint"' in html and 'aria-describedby="id_name-hint' in html
    if data is not None:
        form.is_valid()
        html = str(form["name"].as_field_group())
        assert "govuk-error-message" in html and "govuk-input--error" in html
