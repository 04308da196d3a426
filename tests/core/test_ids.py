"""Ids in URLs: positive whole numbers the database can hold; anything else is not found."""

import pytest
from django.urls import Resolver404, resolve

from convene.core.ids import MAX_ID
from tests.test_permissions import served_urls


def test_the_largest_id_the_database_holds_is_read_as_a_number():
    assert resolve(f"/people/{MAX_ID}/").kwargs == {"profile_id": MAX_ID}


@pytest.mark.parametrize(
    "id_text", [str(MAX_ID + 1), "1234567890123456789012345", "0", "00", "-1", "1e3", "٣"]
)
def test_an_id_out_of_range_or_not_a_number_matches_no_url(id_text):
    with pytest.raises(Resolver404):
        resolve(f"/people/{id_text}/")


def test_a_25_digit_id_is_not_found_rather_than_an_error(client_for, member):
    response = client_for(member).get("/people/1234567890123456789012345/")
    assert response.status_code == 404


def test_every_id_in_every_url_goes_through_the_id_converter():
    assert [route for _, _, route in served_urls() if "<int:" in route] == []
