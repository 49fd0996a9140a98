from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from .text_rules import TextRulesMixin


class LoginForm(TextRulesMixin, AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # AuthenticationForm sets the username's max_length after the field is built, so nothing
        # enforces it: an over-long name reached the login throttle's varchar(255) on PostgreSQL
        # (a server error, found by fuzzing). Refuse it as a form error instead.
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Log in")))
