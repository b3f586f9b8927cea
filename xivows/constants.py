"""Values shared by every resource and dialect."""

# Ids and integer columns are 32-bit signed integers in the store.
MAX_INT = 2**31 - 1
MAX_ID = MAX_INT

# The languages a XiVO offers for users, agents, voicemails and SCCP phones.
LANGUAGES = ('de_DE', 'en_US', 'es_ES', 'fr_FR', 'fr_CA', 'it_IT', 'nl_NL')

# Asterisk app_queue ring strategies, in the order queue refusals list them.
QUEUE_STRATEGIES = (
    'ringall',
    'leastrecent',
    'fewestcalls',
    'rrmemory',
    'random',
    'wrandom',
    'linear',
)

# The media formats Asterisk 21 knows by name (`core show codecs`): an allow or
# disallow list naming another makes its endpoint fail to load ("Cannot allow
# unknown format"). `all` stands for every one of them.
ASTERISK_FORMATS = frozenset(
    (
        'adpcm alaw codec2 g719 g722 g723 g726 g726aal2 g729 gsm h261 h263 h263p h264 '
        'h265 ilbc jpeg lpc10 mpeg4 none opus png red silk8 silk12 silk16 silk24 siren7 '
        'siren14 slin slin12 slin16 slin24 slin32 slin44 slin48 slin96 slin192 speex '
        'speex16 speex32 t140 t38 ulaw vp8 vp9'
    ).split()
)
