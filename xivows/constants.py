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
