"""Foundation pages: home, group pages, profile, login — what each persona is shown."""

import pytest
from django.urls import reverse

from tests.factories import make_meeting


@pytest.fixture
def client_for(client):
    def _login(user):
        if user.is_authenticated:
            client.force_login(user)
        return client

    return _login


def test_home_lists_groups_and_subgroup_for_anonymous(world, client):
    html = client.get(reverse("meetings:home")).content.decode()
    assert "Working Group on WSIS" in html
    assert "Dedicated Group" in html  # listed as existing
    assert "integral part, open to Member States" in html


@pytest.mark.parametrize("persona", ["anonymous", "sm_delegate"])
def test_dedicated_group_page_hides_content_from_outsiders(world, client_for, persona):
    world.dg.terms_of_reference = "DG-TOR-MARKER"
    world.dg.save()
    make_meeting(world.dg, number=1, title="DG-MEETING-MARKER")
    html = client_for(world.personas[persona]).get(reverse("meetings:group_detail", args=["DG-IPP"])).content.decode()
    assert "for Member States only" in html
    assert "DG-TOR-MARKER" not in html
    assert "DG-MEETING-MARKER" not in html


def test_dedicated_group_page_shows_content_to_member_state(world, client_for):
    world.dg.terms_of_reference = "DG-TOR-MARKER"
    world.dg.save()
    make_meeting(world.dg, number=1, title="DG-MEETING-MARKER")
    html = client_for(world.ms_delegate).get(reverse("meetings:group_detail", args=["DG-IPP"])).content.decode()
    assert "DG-TOR-MARKER" in html
    assert "DG-MEETING-MARKER" in html
    assert "because you represent Saudi Arabia" in html


def test_group_page_lists_officers_with_terms(world, client):
    html = client.get(reverse("meetings:group_detail", args=["WG-WSIS"])).content.decode()
    assert "formervc" in html and "resigned" in html
    assert "chairperson" in html


def test_unknown_group_is_404(world, client):
    assert client.get(reverse("meetings:group_detail", args=["NOPE"])).status_code == 404


def test_profile_requires_login(world, client):
    response = client.get(reverse("meetings:profile"))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("persona", "represents", "groups", "not_groups"),
    [
        ("ms_delegate", "Saudi Arabia (Member State)", ["Working Group on WSIS", "Dedicated Group"], []),
        ("sm_delegate", "France Télécom (Sector Member)", ["Working Group on WSIS"], ["Dedicated Group"]),
    ],
)
def test_profile_says_who_you_represent(world, client_for, persona, represents, groups, not_groups):
    html = client_for(world.personas[persona]).get(reverse("meetings:profile")).content.decode()
    assert represents in html
    for name in groups:
        assert name in html
    for name in not_groups:
        assert name not in html


def test_login_with_username_and_password(world, client):
    response = client.post(reverse("login"), {"username": "ms", "password": "wsis-demo"})
    assert response.status_code == 302
    assert client.get(reverse("meetings:profile")).context["user"].username == "ms"


def test_wrong_password_gets_a_clear_message(world, client):
    html = client.post(reverse("login"), {"username": "ms", "password": "nope"}).content.decode()
    assert "Please enter a correct username and password" in html


def test_password_reset_page_is_public(world, client):
    assert "Reset your password" in client.get(reverse("password_reset")).content.decode()


@pytest.mark.parametrize(
    ("persona", "sees_admin"), [("secretariat", True), ("ms_delegate", False), ("anonymous", False)]
)
def test_navigation_fits_persona(world, client_for, persona, sees_admin):
    html = client_for(world.personas[persona]).get(reverse("meetings:home")).content.decode()
    assert ('data-testid="nav-admin"' in html) is sees_admin


def test_home_lists_recent_meetings_without_restricted_ones(world, client):
    make_meeting(world.dg, number=3, title="DG-HOME-MARKER")
    html = client.get(reverse("meetings:home")).content.decode()
    assert str(world.meeting) in html
    assert "DG-HOME-MARKER" not in html


def test_home_query_count_does_not_grow_with_meetings(world, client, django_assert_num_queries):
    client.get(reverse("meetings:home"))  # warm up session/auth
    with django_assert_num_queries(5) as one:
        client.get(reverse("meetings:home"))
    for n in range(20):
        make_meeting(world.wg, number=100 + n)
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(reverse("meetings:home"))
