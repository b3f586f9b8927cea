"""confbridge.conf: XiVO's conference rooms (meetme) as ConfBridge profiles:
one bridge profile per room and two user profiles, one for its users and one
for its administrators (marked, admin). The PIN prompt that tells them apart
is in the room's dial plan context (extensions.conf)."""

from xivows.asterisk.config.extensions import meetmes
from xivows.asterisk.config.text import ConfFile, is_identifier

FILENAME = 'confbridge.conf'


def _user_options(room, prefix):
    moh = room[f'{prefix}_musiconhold']
    options = [
        ('type', 'user'),
        ('quiet', bool(room[f'{prefix}_quiet'])),
        ('announce_user_count', bool(room[f'{prefix}_announceusercount'])),
        ('announce_join_leave', (room[f'{prefix}_announcejoinleave'] or 'no') != 'no'),
        ('startmuted', bool(room[f'{prefix}_initiallymuted'])),
        ('dsp_drop_silence', bool(room['talkeroptimization'])),
        ('talk_detection_events', bool(room['talkerdetection'])),
    ]
    if moh and is_identifier(moh):
        options += [('music_on_hold_when_empty', True), ('music_on_hold_class', moh)]
    return options


def render(build):
    conf = ConfFile('confbridge.conf: conference rooms (bridge and user profiles)')
    conf.section('general')
    for room in meetmes(build):
        ident = room['id']
        bridge = [('type', 'bridge'), ('record_conference', bool(room['record']))]
        if room['maxusers'] and room['maxusers'] > 0:
            bridge.append(('max_members', room['maxusers']))
        conf.section(f'xivo-meetme-{ident}', bridge, note=f'conference room {ident}')
        user = _user_options(room, 'user')
        if room['admin_moderationmode']:
            user.append(('wait_marked', True))  # users wait for an administrator
        if room['admin_closeconflastmarkedexit']:
            user.append(('end_marked', True))
        conf.section(f'xivo-meetme-{ident}-user', user)
        conf.section(
            f'xivo-meetme-{ident}-admin',
            _user_options(room, 'admin') + [('admin', True), ('marked', True)],
        )
    return conf.text()
