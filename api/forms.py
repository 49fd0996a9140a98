from django import forms
from django.utils.translation import gettext_lazy as _

from wsisportal.text_rules import TextRulesMixin


class TokenForm(TextRulesMixin, forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=80,
        help_text=_("What it is for, e.g. “records system of the ministry”."),
    )
