"""An index of dial actions by owner (category, categoryval): a user's, group's
or queue's view and the delete cascades read an owner's dial actions, which the
unique (event, category, categoryval) index cannot serve (it starts with the
event), so each read scanned every dial action."""


def upgrade(db, migrator):
    db.execute_sql('CREATE INDEX IF NOT EXISTS dialaction_category_categoryval '
                   'ON dialaction (category, categoryval)')
