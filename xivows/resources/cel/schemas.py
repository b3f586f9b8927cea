"""Call events: the columns of a found event, and the AMA flags."""

# The original's column order (its wire keys); xivo-ws reads all but call_log_id.
COLUMNS = (
    'id',
    'eventtype',
    'eventtime',
    'userdeftype',
    'cid_name',
    'cid_num',
    'cid_ani',
    'cid_rdnis',
    'cid_dnid',
    'exten',
    'context',
    'channame',
    'appname',
    'appdata',
    'amaflags',
    'accountcode',
    'peeraccount',
    'uniqueid',
    'linkedid',
    'userfield',
    'peer',
    'call_log_id',
)

# Asterisk's AMA flag names, by number.
AMA_FLAGS = ('default', 'omit', 'billing', 'documentation')
