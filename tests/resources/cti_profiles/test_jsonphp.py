"""/cti/json.php/restricted/profiles"""

from playhouse.test_utils import count_queries

from tests.helpers.fixtures import make_entity
from tests.helpers.scenarios import assert_refused, check_acl
from xivows.models.cti import CtiProfile
from xivows.models.user import UserFeatures

F, P = 'cti', 'profiles'


def test_default_profiles_exist_after_upgrade(api):
    items = api.list(F, P).get_json()
    assert [item['name'] for item in items] == ['Client', 'Agent', 'Supervisor', 'Switchboard']
    item = items[0]
    assert set(item) == {'id', 'name', 'presence_id', 'phonehints_id', 'deletable'}
    assert isinstance(item['id'], int) and item['deletable'] is True
    assert item['presence_id'] is None


def test_a_used_profile_is_not_deletable(api):
    entity = make_entity()
    agent = CtiProfile.get(CtiProfile.name == 'Agent')
    UserFeatures.create(uuid='u1', firstname='A', entityid=entity.id, cti_profile_id=agent.id)
    deletable = {item['name']: item['deletable'] for item in api.list(F, P).get_json()}
    assert deletable == {'Client': True, 'Agent': False, 'Supervisor': True, 'Switchboard': True}


def test_no_profile_is_204(api):
    CtiProfile.delete().execute()
    assert api.list(F, P).status_code == 204


def test_only_list(api):
    assert len(api.request(F, P).get_json()) == 4
    assert_refused(api.request(F, P, 'add', body={'name': 'x'}), 400)
    assert_refused(api.request(F, P, 'view', id='1'), 400)


def test_constant_queries(api):
    with count_queries() as few:
        api.list(F, P)
    entity = make_entity()
    for index in range(5):
        UserFeatures.create(
            uuid=f'u{index}',
            firstname='A',
            entityid=entity.id,
            cti_profile_id=CtiProfile.select().first().id,
        )
    with count_queries() as many:
        api.list(F, P)
    assert many.count == few.count


def test_acl(api):
    check_acl(api, F, P, 'cti/profiles')
