"""Form fields the portal's forms share."""

from django import forms
from django.core.exceptions import ValidationError


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, except that a posted id too large for the database (SQLite raises
    OverflowError for integers beyond 64 bits, found by fuzzing) is refused as an invalid
    choice instead of escaping as a server error."""

    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except OverflowError:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": "…"}
            ) from None
