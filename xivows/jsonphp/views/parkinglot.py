"""The legacy wire shape of parking lots (list items and the view: one row)."""

from xivows import wire
from xivows.models.parkinglot import Parkinglot

parkinglot_row = wire.RowFormat(Parkinglot, ints=('id',), bools=('commented',))
