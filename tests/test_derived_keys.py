"""Derived key columns never outgrow their column, whatever the text they come from: a folded
"ß" is "ss", and a Vietnamese letter takes several characters of a collation key. PostgreSQL
refuses a value too long (SQLite would keep it), so CI's PostgreSQL run is the sharp check."""

from __future__ import annotations

import pytest

from accounts.models import User
from units.models import Unit
from youth.models import Youth

pytestmark = pytest.mark.django_db

# As long as the column allows, in letters that collate ("Nguyen": 452 characters for 150) or
# fold ("ß" to "ss") into more characters.
LONG_NAME = ("Nguyen" * 25)[:140] + "ß" * 10


def length(model, field: str) -> int:
    return model._meta.get_field(field).max_length


def test_a_young_persons_longest_name_fits_its_keys(make_youth):
    youth = make_youth(LONG_NAME)
    youth.refresh_from_db()
    assert youth.full_name == LONG_NAME
    assert len(youth.name_key) == length(Youth, "name_key") and len(youth.sort_key) == length(Youth, "sort_key")
    assert Youth.objects.search("nguyennguyen").filter(pk=youth.pk).exists()


def test_an_initiatives_longest_name_fits_its_key(make_initiative):
    initiative = make_initiative("ß" * 255)
    initiative.refresh_from_db()
    assert len(initiative.name_key) == 255


def test_a_units_and_an_accounts_longest_texts_fit_their_search_keys(unit):
    commune = unit("18073")
    commune.name = "ß" * length(Unit, "name")
    commune.save()
    user = User.objects.create_user(
        username="u" * length(User, "username"),
        email=("e" * 240) + "@example.com",
        full_name="ß" * length(User, "full_name"),
    )
    assert len(Unit.objects.get(pk=commune.pk).search_key) == length(Unit, "search_key")
    assert len(User.objects.get(pk=user.pk).search_key) == length(User, "search_key")
