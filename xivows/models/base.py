"""Base class of every table; table and column names follow the XiVO schema."""
from peewee import Model

from xivows.db import database


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False
