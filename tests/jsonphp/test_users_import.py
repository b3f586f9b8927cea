"""pbx_settings/users?act=import: the original's `|` separated users import,
its body streamed (own limit IMPORT_MAX_CONTENT_LENGTH), rows independent, 400
with one line per refused row."""

import base64
import http.client
import io

import pytest

from tests.conftest import _drop_postgresql_database, _postgresql_database
from tests.helpers import served
from tests.helpers.api import url
from tests.helpers.fixtures import make_default_context
from tests.helpers.scenarios import unchanged_store
from xivows import settings, wsusers
from xivows.models.dialaction import Dialaction
from xivows.models.entity import Entity
from xivows.models.incall import Incall
from xivows.models.line import LineFeatures, UserLine
from xivows.models.user import UserFeatures
from xivows.models.voicemail import Voicemail

F, P = 'ipbx', 'pbx_settings/users'
HEADER = (
    'entityid|firstname|lastname|phonenumber|context|protocol|voicemailnumber|'
    'voicemailpassword|incallexten|incallcontext|incallringseconds|username|password|'
    'enableclient'
)


@pytest.fixture
def entity(app):
    make_default_context()
    return Entity.get(Entity.name == 'acme').id


def body(entity, *rows):
    return '\n'.join([HEADER] + [row.format(entity=entity) for row in rows]) + '\n'


def imported(api, text, **kwargs):
    raw = text if isinstance(text, bytes) else text.encode()
    return api.request(F, P, 'import', raw=raw, method='POST', **kwargs)


def test_every_row_stored_answers_200_empty(api, entity):
    response = imported(
        api,
        body(
            entity,
            '{entity}|John|Doe|1001|default|sip|1001|1234|1001|from-extern|20|jdoe|secret|1',
            '{entity}|Jane|Roe|1002|default|sip||||||||',
        ),
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.data == b''
    assert response.headers['X-XIVO-WS-VERSION'] == '1.0'
    john = UserFeatures.get(UserFeatures.firstname == 'John')
    assert (john.loginclient, john.enableclient, john.callerid) == ('jdoe', True, '"John Doe"')
    line = LineFeatures.get_by_id(UserLine.get(UserLine.user_id == john.id).line_id)
    assert (line.number, line.context, line.protocol) == ('1001', 'default', 'sip')
    assert Voicemail.get_by_id(john.voicemailid).password == '1234'
    incall = Incall.get(Incall.exten == '1001')
    answer = Dialaction.get(
        (Dialaction.category == 'incall') & (Dialaction.categoryval == str(incall.id))
    )
    assert (answer.action, answer.actionarg1, answer.actionarg2) == ('user', str(john.id), '20')
    listed = api.list(F, P).get_json()
    assert [item['firstname'] for item in listed] == ['John', 'Jane']


def test_refused_rows_are_listed_and_the_others_stored(api, entity):
    response = imported(
        api,
        body(
            entity,
            '{entity}|Ann|A|1001|default|sip||||||||',
            '{entity}|Bob|B|1001|default|sip||||||||',
            '{entity}||Nameless|||||||||||',
            '{entity}|Cid|C|1003|default|sip|||99|from-extern|||',
            '{entity}|Dan|D|1004|default|sip||||||x||1',
            '{entity}|Eve|E|1005|default|sip||||||||',
        ),
    )
    assert response.status_code == 400
    assert response.content_type == 'text/plain; charset=UTF-8'
    assert response.get_data(as_text=True).splitlines() == [
        (
            'phonenumber: number 1001 is already used in context default'
            ' - error during create user - line #2'
        ),
        'firstname: is required - error during create user - line #3',
        (
            'incallexten: number 99 is outside the incall ranges of context from-extern'
            ' - error during create incall - line #4'
        ),
        (
            'username: 2 to 64 characters are required when enableclient is set'
            ' - error during create user - line #5'
        ),
    ]
    assert [user.firstname for user in UserFeatures.select().order_by(UserFeatures.id)] == [
        'Ann',
        'Eve',
    ]


@pytest.mark.parametrize(
    'text,reason',
    [
        ('', 'the file has no header (a first line of field names)'),
        ('firstname|shoesize\nJohn|42\n', 'unknown field in the header: shoesize'),
        # (not UTF-8: shown replaced, was a 500 writing the answer)
        (b'firstname|\xff\xfeshoe\nJohn|42\n', 'unknown field in the header: \ufffd\ufffdshoe'),
    ],
)
def test_a_body_that_cannot_be_read_stores_nothing(api, entity, text, reason):
    with unchanged_store():
        response = imported(api, text)
    assert response.status_code == 400
    assert response.get_data(as_text=True) == reason + '\n'


def test_acl_and_authentication(api, entity, client):
    wsusers.create(
        'lines', login='lines', password='lines-pw', grants=['service/ipbx/pbx_settings/lines']
    )
    text = body(entity, '{entity}|John|Doe||||||||||')
    with unchanged_store():
        assert imported(api.as_user('lines', 'lines-pw'), text).status_code == 403
        assert imported(api.as_user(None, None), text).status_code == 401


def test_the_act_comes_from_the_query_string_whatever_the_body_type(api, entity):
    """curl --data-binary sends a form content type: the body stays the file."""
    response = imported(
        api,
        body(entity, '{entity}|Form|Typed||||||||||'),
        headers={'Content-Type': 'application/x-www-form-urlencoded'},
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    assert UserFeatures.get(UserFeatures.firstname == 'Form').lastname == 'Typed'


@pytest.fixture
def small_limits(app, monkeypatch):
    """MAX_CONTENT_LENGTH 2000 bytes for every request, 20000 for imports."""
    monkeypatch.setitem(app.config, 'MAX_CONTENT_LENGTH', 2000)
    monkeypatch.setitem(settings._current, 'IMPORT_MAX_CONTENT_LENGTH', 20000)


def many_rows(entity, count, first=1100):
    return body(
        entity,
        *[
            f'{{entity}}|User{index}|Bulk|{first + index}|default|sip||||||||'
            for index in range(count)
        ],
    )


def test_the_import_has_its_own_body_limit(api, entity, small_limits):
    text = many_rows(entity, 100)
    assert 2000 < len(text) < 20000
    response = imported(api, text)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert UserFeatures.select().count() == 100
    # Other acts keep MAX_CONTENT_LENGTH.
    add = api.request(
        F,
        P,
        'add',
        raw=b'{"userfeatures": {"firstname": "X", "lastname": "' + b'y' * 3000 + b'"}}',
        method='POST',
    )
    assert add.status_code == 413
    with unchanged_store():
        response = imported(api, many_rows(entity, 500, first=1500))
    assert response.status_code == 413
    assert 'IMPORT_MAX_CONTENT_LENGTH (20000 bytes)' in response.get_data(as_text=True)


def test_a_chunked_import_over_its_limit_keeps_the_rows_read_before(api, entity, small_limits):
    """No Content-Length to refuse it at once: the rows read before the limit
    are stored, as the answer says (they were dropped with the unfinished batch)."""
    text = many_rows(entity, 500).encode()
    assert len(text) > 20000
    response = api.client.post(
        url(F, P),
        query_string={'act': 'import'},
        input_stream=io.BytesIO(text),
        headers={**api.headers, 'Transfer-Encoding': 'chunked'},
        environ_base={'REMOTE_ADDR': api.peer, 'wsgi.input_terminated': True},
    )
    assert response.status_code == 413
    assert response.get_data(as_text=True).endswith(
        'IMPORT_MAX_CONTENT_LENGTH (20000 bytes): the rows read before it are stored\n'
    )
    stored = [user.firstname for user in UserFeatures.select().order_by(UserFeatures.id)]
    assert 100 < len(stored) < 500
    assert stored == [f'User{index}' for index in range(len(stored))]


@pytest.fixture(params=['sqlite', 'postgresql'])
def server(request, tmp_path):
    cleanup = None
    if request.param == 'sqlite':
        url = f'sqlite:///{tmp_path / "import.db"}'
    else:
        base_url = request.getfixturevalue('postgresql_url')
        url, name = _postgresql_database(base_url)
        cleanup = (base_url, name)
    env = served.prepare(
        url, wizard=True, MAX_CONTENT_LENGTH=2000, REQUEST_TIMEOUT=3, WORKER='false'
    )
    try:
        with served.Server(env) as server:
            yield server
    finally:
        if cleanup:
            _drop_postgresql_database(*cleanup)


def _request(server, method, path, chunks=None, length=None):
    """(status, body) of one request on a connection of its own."""
    token = base64.b64encode(':'.join(served.ADMIN).encode()).decode()
    headers = {'Authorization': f'Basic {token}'}
    if length is not None:
        headers['Content-Length'] = str(length)
    connection = http.client.HTTPConnection('127.0.0.1', server.port, timeout=30)
    try:
        connection.request(
            method,
            path,
            body=iter(chunks) if chunks else None,
            headers=headers,
            encode_chunked=bool(chunks) and length is None,
        )
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def test_served_imports_stream_bodies_larger_than_max_content_length(server):
    """Through gunicorn and the body deadline: a Content-Length body and a
    chunked one, both over MAX_CONTENT_LENGTH, reach the import whole."""
    users = '/service/ipbx/json.php/restricted/pbx_settings/users/'
    entity = '1'  # the wizard's
    for first, length in ((1100, True), (1300, False)):
        text = many_rows(entity, 150, first=first).encode()
        chunks = [text[start : start + 1000] for start in range(0, len(text), 1000)]
        assert _request(
            server, 'POST', users + '?act=import', chunks, len(text) if length else None
        ) == (200, '')
    status, listed = _request(server, 'GET', users + '?act=list')
    assert status == 200
    assert listed.count('"firstname"') == 300
