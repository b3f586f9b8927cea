"""Store fixtures built directly with the models (fast, no HTTP)."""

from xivows.models.context import Context, ContextNumbers
from xivows.models.entity import Entity


def make_entity(name='acme', displayname='Acme Corp'):
    return Entity.create(name=name, displayname=displayname, dcreate=1)


def make_context(name='default', entity='acme', contexttype='internal', ranges=None):
    """`ranges`: {type: [(begin, end, didlength), ...]}; end and didlength optional."""
    if entity and not Entity.select().where(Entity.name == entity).exists():
        make_entity(entity, entity.title())
    context = Context.create(
        name=name, displayname=name.title(), entity=entity, contexttype=contexttype
    )
    for kind, rows in (ranges or {}).items():
        for row in rows:
            begin, end, didlength = (tuple(row) + ('', 0)[len(row) - 1 :])[:3]
            ContextNumbers.create(
                context=name, type=kind, numberbeg=begin, numberend=end or '', didlength=didlength
            )
    return context


def make_default_context():
    """The usual test dial plan: users 1000-1999, groups 2000-2999, queues
    3000-3999, conference rooms 4000-4999 in `default`; incalls in `from-extern`."""
    make_context(
        'default',
        ranges={
            'user': [('1000', '1999')],
            'group': [('2000', '2999')],
            'queue': [('3000', '3999')],
            'meetme': [('4000', '4999')],
        },
    )
    make_context('from-extern', contexttype='incall', ranges={'incall': [('1000', '4999', 4)]})
    make_context('to-extern', contexttype='outcall')
