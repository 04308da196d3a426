"""GOV.UK form rendering."""

from django import forms

from convene.core.forms import GovukForm, GovukFormRenderer


class NameForm(GovukForm):
    name = forms.CharField(label="Your name", help_text="As you would like it shown")


def test_every_form_renders_with_one_renderer_so_its_templates_are_parsed_once():
    first, second = NameForm(), NameForm()
    assert isinstance(first.renderer, GovukFormRenderer)
    assert first.renderer is second.renderer


def test_a_field_renders_its_label_and_hint_the_govuk_way():
    html = str(NameForm()["name"].as_field_group())
    assert 'class="govuk-label"' in html
    assert "Your name" in html
    assert 'id="id_name-hint"' in html
    assert 'aria-describedby="id_name-hint' in html


def test_a_field_in_error_says_so_the_govuk_way():
    form = NameForm({"name": ""})
    form.is_valid()
    html = str(form["name"].as_field_group())
    assert "govuk-error-message" in html
    assert "govuk-input--error" in html


def test_a_null_character_is_refused_with_a_message_naming_the_field():
    form = NameForm({"name": "Ada\x00Lovelace"})
    assert form.errors == {"name": ["Your name must not contain null characters"]}


def test_the_null_character_message_names_an_optional_field_without_its_optional():
    class TitleForm(GovukForm):
        title = forms.CharField(label="Title (optional)", required=False)

    form = TitleForm({"title": "Dr\x00"})
    assert form.errors == {"title": ["Title must not contain null characters"]}
