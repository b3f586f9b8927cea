from peewee import AutoField, BooleanField, CharField, IntegerField, TextField

from xivows.models.base import BaseModel

NUMBER_TYPES = ('user', 'group', 'queue', 'meetme', 'incall')


class Context(BaseModel):
    name = CharField(max_length=39, primary_key=True)
    displayname = CharField(max_length=128, default='')
    entity = CharField(max_length=64, null=True, index=True)  # entity *name*
    contexttype = CharField(max_length=40, default='internal')
    commented = BooleanField(default=False)
    description = TextField(default='')

    class Meta:
        table_name = 'context'


class ContextNumbers(BaseModel):
    id = AutoField()
    context = CharField(max_length=39, index=True)
    type = CharField(max_length=16)
    numberbeg = CharField(max_length=16)
    numberend = CharField(max_length=16, default='')
    didlength = IntegerField(default=0)

    class Meta:
        table_name = 'contextnumbers'


class ContextInclude(BaseModel):
    id = AutoField()
    context = CharField(max_length=39, index=True)
    include = CharField(max_length=39)
    priority = IntegerField(default=0)

    class Meta:
        table_name = 'contextinclude'


class ContextMember(BaseModel):
    id = AutoField()
    context = CharField(max_length=39, index=True)
    type = CharField(max_length=32)
    typeval = CharField(max_length=128)
    varname = CharField(max_length=128, default='context')

    class Meta:
        table_name = 'contextmember'
        indexes = ((('type', 'typeval'), False),)


class ContextType(BaseModel):
    id = AutoField()
    name = CharField(max_length=40, unique=True)
    commented = BooleanField(default=False)
    deletable = BooleanField(default=True)
    description = TextField(default='')

    class Meta:
        table_name = 'contexttype'
