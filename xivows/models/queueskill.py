"""Call-center skills: skill categories, skills, the skill levels of agents and
the skill rules that queues use to pick agents."""

from peewee import AutoField, CharField, IntegerField, TextField

from xivows.models.base import BaseModel


class QueueSkillCat(BaseModel):
    id = AutoField()
    name = CharField(max_length=64, unique=True)

    class Meta:
        table_name = 'queueskillcat'


class QueueSkill(BaseModel):
    id = AutoField()
    catid = IntegerField(default=1, index=True)
    name = CharField(max_length=64, unique=True)
    description = TextField(default='')
    # Dropped by the original in 2014; kept because the seed document shows it.
    printscreen = CharField(max_length=5, default='')

    class Meta:
        table_name = 'queueskill'


class QueueSkillRule(BaseModel):
    id = AutoField()
    name = CharField(max_length=64, unique=True)
    rule = TextField(default='')  # the rules joined with ';'

    class Meta:
        table_name = 'queueskillrule'


class AgentQueueSkill(BaseModel):
    id = AutoField()
    agentid = IntegerField()
    skillid = IntegerField(index=True)
    weight = IntegerField(default=0)

    class Meta:
        table_name = 'agentqueueskill'
        indexes = ((('agentid', 'skillid'), True),)
