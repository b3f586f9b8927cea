"""The `view` object of an agent."""
from xivows.resources.agents import queries
from xivows.resources.agents.schemas import (agentfeatures_view, group_view, member_view,
                                             skill_view)
from xivows.jsonphp.views.users import user_item


def agent_view(agent):
    return {
        'agentfeatures': agentfeatures_view(agent),
        'agentgroup': group_view(queries.group(agent.numgroup)),
        'usermember': [user_item(user) for user in queries.users_of(agent.id)] or False,
        'queuemember': [member_view(row) for row in queries.memberships(agent.id)] or False,
        'queueskills': [skill_view(*skill) for skill in queries.skills_of(agent.id)],
    }
