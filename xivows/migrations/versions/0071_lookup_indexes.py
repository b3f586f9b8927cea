"""Indexes of lookups that scanned a whole table:

* dial actions by owner (category, categoryval): a user's, group's or queue's
  view and the delete cascades read an owner's dial actions, which the unique
  (event, category, categoryval) index cannot serve (it starts with the event);
* lines by provisioning id: every SIP line added draws provisioning ids until
  one is free, each checked by a scan of every line (an add slowed down as
  lines grew)."""


def upgrade(db, migrator):
    db.execute_sql(
        'CREATE INDEX IF NOT EXISTS dialaction_category_categoryval '
        'ON dialaction (category, categoryval)'
    )
    db.execute_sql(
        'CREATE INDEX IF NOT EXISTS linefeatures_provisioningid ON linefeatures (provisioningid)'
    )
