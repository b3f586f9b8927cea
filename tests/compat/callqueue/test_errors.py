"""Entity scoping and refusals: one JSON shape, the status an integrator expects,
never a 500 on bad input, and the store exactly as it was after a refusal."""

import pytest

from tests.compat.callqueue.conftest import refused
from tests.helpers.scenarios import MALFORMED_BODIES, unchanged_store
from xivows.models.entity import Entity


@pytest.fixture
def objects(cq):
    queue = cq.ok('POST', '/client/@me/extension/', {'name': '370', 'type': 'queue'})
    phone = cq.ok('POST', '/client/@me/extension/', {'name': '117', 'type': 'phone'})
    local = cq.ok('POST', '/client/@me/agent/local/', {'extension_id': phone['id']})
    remote = cq.ok('POST', '/client/@me/agent/remote/', {'number': '5551234'})
    event = cq.ok(
        'POST',
        f'/client/@me/agent/local/{local["id"]}/event/',
        {'url': 'http://crm.example/hook', 'event_type': 'agent-login', 'method': 'POST'},
    )
    cq.ok('POST', f'/extension/{queue["id"]}/queue/agents/local/', {'agent_id': local['id']})
    return {
        'queue': queue['id'],
        'phone': phone['id'],
        'local': local['id'],
        'remote': remote['id'],
        'event': event['id'],
    }


def _paths(ids, client='@me'):
    return [
        ('GET', f'/extension/{ids["queue"]}/'),
        ('PUT', f'/extension/{ids["queue"]}/'),
        ('DELETE', f'/extension/{ids["phone"]}/'),
        ('GET', f'/extension/{ids["queue"]}/queue/'),
        ('PUT', f'/extension/{ids["queue"]}/queue/'),
        ('GET', f'/extension/{ids["queue"]}/queue/status/'),
        ('GET', f'/extension/{ids["queue"]}/queue/agents/local/'),
        ('GET', f'/extension/{ids["queue"]}/queue/agents/local/{ids["local"]}'),
        ('DELETE', f'/extension/{ids["queue"]}/queue/agents/local/{ids["local"]}'),
        ('GET', f'/client/{client}/agent/local/{ids["local"]}'),
        ('PUT', f'/client/{client}/agent/remote/{ids["remote"]}'),
        ('DELETE', f'/client/{client}/agent/local/{ids["local"]}'),
        ('GET', f'/client/{client}/agent/local/{ids["local"]}/event/'),
        ('GET', f'/client/{client}/agent/local/{ids["local"]}/event/{ids["event"]}'),
        ('DELETE', f'/client/{client}/agent/local/{ids["local"]}/event/{ids["event"]}'),
    ]


def test_another_entitys_objects_are_not_found(objects, cq, cq_other, acme):
    with unchanged_store():
        for method, path in _paths(objects):
            refused(cq_other(method, path, {} if method == 'PUT' else None), 404, 'not_found')
        # its own client id is @me; acme's id is another client
        for method, path in _paths(objects, client=acme.id):
            if path.startswith('/client/'):
                refused(cq_other(method, path, {} if method == 'PUT' else None), 404)
        assert cq_other.ok('GET', '/client/@me/extension/') == []
        assert cq_other.ok('GET', '/client/@me/agent/local/') == []
        # nor can it put acme's agent in its queue
        queue = cq_other.ok('POST', '/client/@me/extension/', {'name': '370', 'type': 'queue'})
        refused(
            cq_other(
                'POST',
                f'/extension/{queue["id"]}/queue/agents/local/',
                {'agent_id': objects['local']},
            ),
            404,
        )
        refused(
            cq_other('POST', '/client/@me/agent/local/', {'extension_id': objects['phone']}), 400
        )
        cq_other.ok('DELETE', f'/extension/{queue["id"]}/')
    # its own client id works like @me
    assert (
        cq.ok('GET', f'/client/{acme.id}/agent/local/{objects["local"]}')['id'] == objects['local']
    )


@pytest.mark.parametrize('ident', ['999999', '0', '-1', 'abc', '1.5', '99999999999999999999999'])
def test_unknown_ids(objects, cq, ident):
    with unchanged_store():
        for path in (
            f'/extension/{ident}/',
            f'/extension/{ident}/queue/',
            f'/client/@me/agent/local/{ident}',
            f'/client/@me/agent/remote/{ident}',
            f'/extension/{objects["queue"]}/queue/agents/local/{ident}',
            f'/client/@me/agent/local/{objects["local"]}/event/{ident}',
            f'/client/{ident}/extension/',
        ):
            refused(cq('GET', path), 404, 'not_found')


def test_the_wrong_kind_is_not_found(objects, cq):
    with unchanged_store():
        refused(cq('GET', f'/client/@me/agent/remote/{objects["local"]}'), 404)
        refused(cq('GET', f'/client/@me/agent/local/{objects["remote"]}'), 404)
        refused(cq('GET', f'/extension/{objects["phone"]}/queue/'), 404)
        refused(
            cq('GET', f'/extension/{objects["queue"]}/queue/agents/remote/{objects["local"]}'), 404
        )


def test_malformed_bodies(objects, cq):
    for raw in MALFORMED_BODIES:
        with unchanged_store():
            for method, path in (
                ('POST', '/client/@me/extension/'),
                ('PUT', f'/extension/{objects["queue"]}/queue/'),
                ('POST', '/client/@me/agent/remote/'),
                ('POST', f'/extension/{objects["queue"]}/queue/agents/local/'),
            ):
                refused(cq(method, path, raw=raw), 400, 'invalid_request')


BAD_DOCUMENTS = [
    ('POST', '/client/@me/extension/', {'name': '370', 'type': 'queue'}, 'name'),
    ('POST', '/client/@me/extension/', {'name': '371', 'type': 'fax'}, 'type'),
    ('POST', '/client/@me/extension/', {'name': 371, 'type': 'queue'}, 'name'),
    ('POST', '/client/@me/extension/', {'name': '000*371', 'type': 'queue'}, 'name'),
    ('POST', '/client/@me/extension/', {'name': '999', 'type': 'queue'}, 'name'),
    ('POST', '/client/@me/extension/', {'name': '371', 'type': 'queue', 'domain': 'x'}, 'domain'),
    ('POST', '/client/@me/extension/', {'type': 'queue'}, 'name'),
    ('PUT', '/extension/{queue}/', {'type': 'phone'}, 'type'),
    ('PUT', '/extension/{queue}/queue/', {'strategy': 'ring-progressively'}, 'strategy'),
    ('PUT', '/extension/{queue}/queue/', {'announce_frequency': 7}, 'announce_frequency'),
    ('PUT', '/extension/{queue}/queue/', {'max_wait_time': '1800'}, 'max_wait_time'),
    ('PUT', '/extension/{queue}/queue/', {'max_wait_time': True}, 'max_wait_time'),
    ('PUT', '/extension/{queue}/queue/', {'record_enabled': 1}, 'record_enabled'),
    ('PUT', '/extension/{queue}/queue/', {'timeout_transfer_dst': 'abc'}, 'timeout_transfer_dst'),
    ('PUT', '/extension/{queue}/queue/', {'strategy': 'top-down'}, 'strategy'),
    ('PUT', '/extension/{queue}/queue/', {'tier_rule_wait_second': -1}, 'tier_rule_wait_second'),
    ('PUT', '/extension/{queue}/queue/', {'sound': [36]}, 'sound'),
    # what Asterisk could not use (the generated configuration would leave it out)
    ('PUT', '/extension/{queue}/queue/', {'timeout_transfer_dst': '33a'}, 'timeout_transfer_dst'),
    (
        'PUT',
        '/extension/{queue}/queue/',
        {'timeout_transfer_dst': '333\nx'},
        'timeout_transfer_dst',
    ),
    ('PUT', '/extension/{queue}/queue/', {'sound': 'hold\nmusic'}, 'sound'),
    ('PUT', '/extension/{queue}/queue/', {'sound': 'my music'}, 'sound'),
    ('PUT', '/extension/{queue}/queue/', {'announce_sound': 'welcome;x'}, 'announce_sound'),
    ('PUT', '/extension/{queue}/queue/', {'announce_sound': 'a\nb'}, 'announce_sound'),
    ('POST', '/client/@me/agent/local/', {'extension_id': 999999}, 'extension_id'),
    ('POST', '/client/@me/agent/local/', {'extension_id': '{queue}'}, 'extension_id'),
    ('POST', '/client/@me/agent/local/', {'status': 'available'}, 'status'),
    ('POST', '/client/@me/agent/local/', {'call_timeout': -5}, 'call_timeout'),
    ('POST', '/client/@me/agent/local/', {'wrap_up_time': 1.5}, 'wrap_up_time'),
    ('POST', '/client/@me/agent/local/', {'number': '123'}, 'number'),
    ('POST', '/client/@me/agent/remote/', {}, 'number'),
    ('POST', '/client/@me/agent/remote/', {'number': 'abc'}, 'number'),
    ('POST', '/client/@me/agent/remote/', {'number': '5551234'}, 'number'),
    ('POST', '/client/@me/agent/remote/', {'number': '5551235', 'status': 'away'}, 'status'),
    ('POST', '/extension/{queue}/queue/agents/local/', {'level': 1}, 'agent_id'),
    (
        'POST',
        '/extension/{queue}/queue/agents/remote/',
        {'agent_id': '{remote}', 'level': 21},
        'level',
    ),
    ('PUT', '/extension/{queue}/queue/agents/local/{local}', {'position': -1}, 'position'),
    (
        'POST',
        '/client/@me/agent/local/{local}/event/',
        {'url': 'ftp://x/', 'method': 'GET', 'event_type': 'agent-login'},
        'url',
    ),
    (
        'POST',
        '/client/@me/agent/local/{local}/event/',
        {'url': 'http://x.example/', 'method': 'PUT', 'event_type': 'agent-login'},
        'method',
    ),
    (
        'PUT',
        '/client/@me/agent/local/{local}/event/{event}',
        {'event_type': 'agent-pause'},
        'event_type',
    ),
]


def _filled(value, ids):
    if isinstance(value, str):
        text = value.format(**ids)
        return int(text) if value.startswith('{') and text.isdigit() else text
    if isinstance(value, dict):
        return {key: _filled(item, ids) for key, item in value.items()}
    return value


@pytest.mark.parametrize('method,path,document,field', BAD_DOCUMENTS)
def test_bad_documents_name_the_field(objects, cq, method, path, document, field):
    with unchanged_store():
        body = refused(
            cq(method, _filled(path, objects), _filled(document, objects)), 400, 'invalid_request'
        )
        assert body['error_description'].startswith(field), body


def test_conflicts(objects, cq):
    with unchanged_store():
        refused(
            cq(
                'POST',
                f'/extension/{objects["queue"]}/queue/agents/local/',
                {'agent_id': objects['local']},
            ),
            409,
            'conflict',
        )
    cq.ok('PUT', f'/client/@me/agent/local/{objects["local"]}', {'status': 'available'})
    second = cq.ok('POST', '/client/@me/agent/local/', {'extension_id': objects['phone']})
    with unchanged_store():
        body = refused(
            cq('PUT', f'/client/@me/agent/local/{second["id"]}', {'status': 'available'}),
            409,
            'conflict',
        )
        # the extension is what is taken: the answer names it, not `status`
        assert body['error_description'].startswith('extension_id: '), body
        body = refused(
            cq(
                'POST',
                '/client/@me/agent/local/',
                {'extension_id': objects['phone'], 'status': 'available'},
            ),
            409,
            'conflict',
        )
        assert body['error_description'].startswith('extension_id: '), body
    other = cq.ok('POST', '/client/@me/extension/', {'name': '118', 'type': 'phone'})
    cq.ok(
        'PUT',
        f'/client/@me/agent/local/{second["id"]}',
        {'extension_id': other['id'], 'status': 'available'},
    )
    with unchanged_store():  # a logged agent moved onto a taken extension
        body = refused(
            cq(
                'PUT',
                f'/client/@me/agent/local/{second["id"]}',
                {'extension_id': objects['phone']},
            ),
            409,
            'conflict',
        )
        assert body['error_description'].startswith('extension_id: '), body


def test_delete_an_agent_still_in_a_queue(objects, cq):
    with unchanged_store():
        refused(
            cq(
                'DELETE',
                f'/client/@me/agent/local/{objects["local"]}',
                query={'remove_from_queues': 'false'},
            ),
            400,
            'invalid_request',
        )
        refused(
            cq(
                'DELETE',
                f'/client/@me/agent/local/{objects["local"]}',
                query={'remove_from_queues': 'maybe'},
            ),
            400,
        )
    cq.ok('DELETE', f'/client/@me/agent/local/{objects["local"]}')
    assert cq.ok('GET', f'/extension/{objects["queue"]}/queue/agents/local/') == []
    cq.ok(
        'DELETE',
        f'/client/@me/agent/remote/{objects["remote"]}',
        query={'remove_from_queues': 'false'},
    )


def test_a_disabled_client_is_forbidden(objects, cq, acme):
    Entity.update(disable=True).where(Entity.id == acme.id).execute()
    with unchanged_store():
        refused(cq('GET', '/client/@me/extension/'), 403, 'forbidden')
        refused(cq('PUT', f'/extension/{objects["queue"]}/queue/', {}), 403, 'forbidden')


def test_unknown_routes_and_methods(objects, cq):
    with unchanged_store():
        refused(cq('GET', '/client/@me/nothing/'), 404, 'not_found')
        refused(cq('GET', '/nothing'), 404, 'not_found')
        response = refused(
            cq('PATCH', f'/extension/{objects["queue"]}/'), 405, 'method_not_allowed'
        )
        assert set(response['error_description'].split()) >= {'PATCH'}
        assert refused(cq('POST', f'/extension/{objects["queue"]}/queue/'), 405)
        assert cq('GET', '/oauth/token').status_code == 405


def test_trailing_slashes_are_optional(objects, cq):
    assert cq.ok('GET', '/client/@me/extension')[0]['id'] == objects['queue']
    assert cq.ok('GET', f'/client/@me/agent/local/{objects["local"]}/')['id'] == objects['local']


@pytest.mark.parametrize('number', ['153x', '154\n', '+155'])
def test_an_extension_number_is_digits_as_a_whole(cq, number):
    with unchanged_store():
        body = refused(
            cq('POST', '/client/@me/extension/', {'name': number, 'type': 'phone'}), 400
        )
        assert body['error_description'] == 'name: must be digits', body
