"""The sign-in backend: Django's ModelBackend, loading the user's organisation with the user.

Every signed-in page asks whom the user represents (the navigation, the access policy); loading
the organisation in the same query as the user saves one query on each of them."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class OrganisationModelBackend(ModelBackend):
    def get_user(self, user_id):
        User = get_user_model()
        try:
            user = User._default_manager.select_related("organisation").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
