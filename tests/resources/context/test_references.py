"""The registry of tables that name contexts: any of them keeps a context from
being deleted, and the check is one query."""

import pytest
from playhouse.test_utils import count_queries

from tests.helpers.fixtures import make_context, make_entity
from tests.helpers.scenarios import assert_refused, unchanged_store
from xivows.models.agent import AgentFeatures
from xivows.models.context import ContextInclude
from xivows.models.dialaction import Dialaction, Rightcall
from xivows.models.extension import Extension
from xivows.models.line import LineFeatures, SCCPLine, UserCustom
from xivows.models.queue import GroupFeatures
from xivows.models.voicemail import Voicemail
from xivows.resources.context import references

F, P = 'ipbx', 'system_management/context'

USES = {
    'lines': lambda: LineFeatures.create(protocol='sip', protocolid=1, name='abc', context='used'),
    'SCCP lines': lambda: SCCPLine.create(
        name='1000', context='used', cid_name='x', cid_num='1000'
    ),
    'custom accounts': lambda: UserCustom.create(name='c', context='used', interface='DAHDI/1'),
    'voicemails': lambda: Voicemail.create(context='used', mailbox='1000'),
    'voicemail exit context': lambda: Voicemail.create(
        context='elsewhere', mailbox='1000', exitcontext='used'
    ),
    'agents': lambda: AgentFeatures.create(number='55', context='used'),
    'groups': lambda: GroupFeatures.create(name='g', number='2000', context='used'),
    'dial actions': lambda: Dialaction.create(
        event='answer',
        category='incall',
        categoryval='1',
        action='extension',
        actionarg1='1000',
        actionarg2='used',
    ),
}


@pytest.fixture
def contexts(app):
    make_entity('acme')
    make_context('used')
    make_context('elsewhere')


@pytest.mark.parametrize('use', sorted(USES))
def test_each_reference_blocks_deletion(api, contexts, use):
    try:
        USES[use]()
    except Exception as error:  # a model changed: say which fixture to fix
        pytest.fail(f'cannot create the {use} fixture row: {error}')
    assert references.used_by('used')
    assert api.view(F, P, 'used').get_json()['deletable'] is False
    with unchanged_store():
        assert_refused(api.delete(F, P, 'used'), 400)


def test_includes_do_not_block_deletion(api, contexts):
    ContextInclude.create(context='elsewhere', include='used')
    assert references.used_by('used') == []
    assert api.delete(F, P, 'used').status_code == 200
    assert not ContextInclude.select().exists()


def test_dial_actions_to_other_targets_do_not_count(api, contexts):
    Dialaction.create(
        event='answer',
        category='incall',
        categoryval='1',
        action='custom',
        actionarg1='x',
        actionarg2='used',
    )
    assert references.used_by('used') == []
    assert api.delete(F, P, 'used').status_code == 200


def test_a_resource_declares_its_table(api, contexts, monkeypatch):
    """What a resource added later does: declare the column holding context names."""
    monkeypatch.setattr(references, '_references', dict(references._references))
    Rightcall.create(name='used')
    assert references.used_by('used') == []
    references.declare(Rightcall.name, 'call permissions')
    references.declare(Rightcall.name, 'ignored: declared twice')
    assert references.used_by('used') == ['call permissions']
    with unchanged_store():
        response = api.delete(F, P, 'used')
        assert_refused(response, 400)
    assert response.get_json() == {'error': 'context is in use by: call permissions'}


def test_labels_are_gathered(contexts):
    LineFeatures.create(protocol='sip', protocolid=1, name='abc', context='used')
    Extension.create(context='used', exten='100', type='user', typeval='1')
    ContextInclude.create(context='elsewhere', include='used')  # not a use
    assert references.used_by('used') == ['extensions', 'lines']
    assert references.users(['used', 'elsewhere', 'missing']) == {'used': {'extensions', 'lines'}}
    assert references.users([]) == {}


def test_the_check_is_one_query(contexts):
    with count_queries() as counter:
        references.users()
    assert counter.count == 1
