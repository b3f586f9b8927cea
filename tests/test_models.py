"""BaseModel.create (its values set at once, its INSERT's statement cached)
stores and gives back what peewee's own create would, on both databases."""

import peewee
import pytest

from xivows.models.line import UserSIP
from xivows.models.user import UserFeatures
from xivows.models.voicemail import Voicemail


def _peewee_create(model, values):
    instance = model(**values)
    peewee.Model.save(instance, force_insert=True)  # peewee's own insert
    return instance


def _stored(model, instance):
    key = model._meta.primary_key
    row = model.select().where(key == instance._pk).dicts().get()
    row.pop(key.name)
    return row


CASES = [
    (
        UserSIP,
        # an int for a text column, a bool for an integer one, None for a nullable one
        {
            'context': 'default',
            'secret': 1234,
            'call_limit': True,
            'type': 'friend',
            'host': 'dynamic',
            'mailbox': None,
        },
        'name',
    ),
    (
        UserFeatures,
        {'firstname': 'Ann', 'lastname': 'Lee', 'ringseconds': '30', 'enablehint': 1},
        'uuid',
    ),
    (Voicemail, {'context': 'default', 'fullname': 'Ann Lee', 'attach': 1}, 'mailbox'),
]


@pytest.mark.parametrize(
    'model, values, unique', CASES, ids=lambda case: getattr(case, '__name__', '')
)
def test_create_stores_what_peewee_stores(app, model, values, unique):
    ours = model.create(**values, **{unique: 'ours'})
    theirs = _peewee_create(model, {**values, unique: 'theirs'})
    assert isinstance(ours._pk, int) and ours._pk != theirs._pk
    assert ours._dirty == theirs._dirty == set()
    key = model._meta.primary_key.name
    given_back = {name: value for name, value in ours.__data__.items() if name != key}
    assert given_back == {
        name: value for name, value in theirs.__data__.items() if name != key
    } | {unique: 'ours'}
    stored = _stored(model, ours)
    assert stored == _stored(model, theirs) | {unique: 'ours'}
