"""What a users import draws for each user: a random version 4 UUID, written
as uuid.uuid4() writes one."""

import uuid

from xivows.resources.users.bulk import uuid4_texts


def test_uuids_are_random_version_4_uuids_as_uuid4_writes_them():
    texts = uuid4_texts(2000)
    assert len(set(texts)) == 2000
    for text in texts:
        value = uuid.UUID(text)
        assert (value.version, value.variant, str(value)) == (4, uuid.RFC_4122, text)
    # every random digit takes every value (122 random bits, not fewer)
    for place in (0, 9, 15, 20, 35):
        assert len({text[place] for text in texts}) == 16
    assert {text[19] for text in texts} == set('89ab')
    assert uuid4_texts(0) == []
