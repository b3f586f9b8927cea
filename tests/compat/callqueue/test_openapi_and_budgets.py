"""The dialect's OpenAPI description, and list routes in a constant number of
queries whatever the number of rows."""

from playhouse.test_utils import count_queries

from compat.callqueue import routes


def test_openapi_describes_every_route(client):
    response = client.get('/api/ver1.0/openapi.json')
    assert response.status_code == 200  # public: it documents, it grants nothing
    spec = response.get_json()
    described = {
        (method.upper(), path) for path, methods in spec['paths'].items() for method in methods
    }
    assert len(described) == len(routes.OPERATIONS) == 39
    assert ('POST', '/api/ver1.0/client/{client}/extension/') in described
    assert ('GET', '/api/ver1.0/extension/{extension_id}/queue/status/members/') in described
    flows = spec['components']['securitySchemes']['oauth2']['flows']
    assert flows['clientCredentials']['tokenUrl'] == '/api/ver1.0/oauth/token'
    local = spec['components']['schemas']['LocalAgentAnswer']['properties']
    assert {'busy_delay_time', 'call_timeout', 'extension_id', 'status'} <= set(local)


def _queries(cq, path):
    with count_queries() as counted:
        assert cq('GET', path).status_code == 200
    return counted.count


def test_lists_cost_the_same_whatever_their_length(cq):
    queue = cq.ok('POST', '/client/@me/extension/', {'name': '370', 'type': 'queue'})
    paths = (
        '/client/@me/extension/',
        '/client/@me/agent/local/',
        '/client/@me/agent/remote/',
        f'/extension/{queue["id"]}/queue/agents/local/',
    )

    def add(index):
        phone = cq.ok(
            'POST', '/client/@me/extension/', {'name': str(100 + index), 'type': 'phone'}
        )
        local = cq.ok(
            'POST',
            '/client/@me/agent/local/',
            {'extension_id': phone['id'], 'status': 'available'},
        )
        cq.ok('POST', '/client/@me/agent/remote/', {'number': f'555000{index}'})
        cq.ok('POST', f'/extension/{queue["id"]}/queue/agents/local/', {'agent_id': local['id']})

    add(0)
    few = [_queries(cq, path) for path in paths]
    for index in range(1, 6):
        add(index)
    assert [_queries(cq, path) for path in paths] == few
