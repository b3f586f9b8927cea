"""Ids that the store gives itself instead of a sequence (pickup groups count
from 0, as the original's did): the last one given per table, so that a
deleted object's id is never given again."""

from peewee import CharField, IntegerField

from xivows.models.base import BaseModel


class IdCounter(BaseModel):
    name = CharField(max_length=64, primary_key=True)  # the table
    last = IntegerField()

    class Meta:
        table_name = 'xivows_id_counter'
