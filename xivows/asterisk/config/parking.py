"""res_parking.conf: one parking lot per store lot. Each lot registers its
park extension and its spaces in its own context, xivo-parking-<id>, which
the lot's store context includes (so res_parking never writes into a context
that pbx_config owns)."""

from xivows.asterisk.config.common import internal
from xivows.asterisk.config.text import ConfFile, is_identifier

FILENAME = 'res_parking.conf'
_WHO = {'caller': 'caller', 'callee': 'callee', 'both': 'both'}


def lots(build):
    """The usable lots, with their spaces (first, last)."""
    found = []
    for _, lot in sorted(build.data.parkinglots.items()):
        if lot['commented']:
            continue
        name = lot['name']
        extension = lot['extension'] or ''
        if not is_identifier(name) or not extension.isdigit() or lot['positions'] < 1:
            build.problem(f'parking lot {name!r}: name or extension not usable: skipped')
            continue
        if not build.context_known(lot['context']):
            build.problem(f'parking lot {name}: no such context {lot["context"]!r}: skipped')
            continue
        first = int(extension) + 1
        found.append((lot, first, first + lot['positions'] - 1))
    return found


def included_contexts(build):
    """{store context: [xivo-parking-<id>, ...]}."""
    included = {}
    for lot, _, _ in lots(build):
        included.setdefault(lot['context'], []).append(internal('parking', lot['id']))
    return included


def render(build):
    conf = ConfFile('res_parking.conf: parking lots')
    conf.section('general', [('parkeddynamic', False)])
    for lot, first, last in lots(build):
        conf.section(lot['name'], note=f'parking lot {lot["id"]}')
        conf.option('context', internal('parking', lot['id']), '=>')
        conf.option('parkext', lot['extension'], '=>')
        conf.option('parkpos', f'{first}-{last}', '=>')
        conf.option('findslot', 'next' if lot['next'] else 'first', '=>')
        if lot['duration']:
            conf.option('parkingtime', lot['duration'], '=>')
        conf.option('comebacktoorigin', True)
        for column, key in (
            ('calltransfers', 'parkedcalltransfers'),
            ('callreparking', 'parkedcallreparking'),
            ('callhangup', 'parkedcallhangup'),
            ('callrecording', 'parkedcallrecording'),
        ):
            conf.option(key, _WHO.get(lot[column] or '', 'no'))
        if lot['musicclass'] and is_identifier(lot['musicclass']):
            conf.option('parkedmusicclass', lot['musicclass'])
        conf.option('parkinghints', bool(lot['hints']))
    return conf.text()
