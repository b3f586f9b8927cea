"""/service/ipbx/json.php/<mode>/pbx_settings/groups: the acts, and the add/edit
document (`groupfeatures`, `queue`, `user`, `rightcall`, `dialaction`,
`callerid`, `schedule_id`) read into a GroupInput."""

from marshmallow import ValidationError

from xivows.errors import InvalidInput
from xivows.jsonphp import crud, documents
from xivows.jsonphp.registry import JsonService, register
from xivows.jsonphp.views.groups import group_view, items
from xivows.resources.groups import queries, service
from xivows.resources.groups.inputs import GroupInput
from xivows.resources.ownerlinks.inputs import OwnerLinks
from xivows.resources.queue_members.inputs import MemberInput
from xivows.schemas.fields import IdList

_ids = IdList()


def _given(part):
    # A null field of a group document means "keep what is stored".
    return {key: value for key, value in part.items() if value is not None}


def _users(document):
    """`user`: user ids in ring order, or the view's member objects (their
    `userid`); false, {} or '' (the view's "none") is no member; absent or null
    keeps the members."""
    value = document.get('user')
    if value is None:
        return None
    if value is False or value == {} or value == '':
        return []
    if isinstance(value, list):
        if len(value) > service.MAX_MEMBERS:
            raise InvalidInput(f'user: at most {service.MAX_MEMBERS} members')
        value = [item.get('userid') if isinstance(item, dict) else item for item in value]
    try:
        return [MemberInput(user_id) for user_id in _ids.deserialize(value)]
    except ValidationError:
        raise InvalidInput('user: must be a list of user ids') from None


def group_input(document, adding):
    documents.body_object(document)
    return GroupInput(
        features=_given(documents.object_part(document, 'groupfeatures', adding)),
        options=_given(documents.object_part(document, 'queue', adding)),
        users=_users(document),
        links=OwnerLinks.given(document),
    )


register(
    JsonService(
        'ipbx',
        'pbx_settings/groups',
        acts=crud.acts(
            'group',
            rows=lambda term: items(queries.listed(term)),
            view=lambda group_id: group_view(service.get(group_id)),
            create=lambda document: service.create(group_input(document, adding=True)),
            edit=lambda group_id, document: service.edit(
                group_id, group_input(document, adding=False)
            ),
            delete=service.delete,
            delete_all=service.delete_all,
            new_id=str,
        ),
    )
)  # group ids are strings in lists
