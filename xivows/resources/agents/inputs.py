"""An agent as callers give it, to add one or to change one."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class AgentQueue:
    """A queue the agent is a member of: the queue's name and the agent's
    penalty there (0..20, its "level": lower ones ring first)."""

    name: str
    penalty: int = 0


@dataclass(frozen=True)
class AgentSkill:
    """A skill of the agent: the skill's id and the agent's weight (0..100)."""

    id: int
    weight: int = 0


@dataclass
class AgentInput:
    """`features`: the agent's own fields (number, context, numgroup,
    autologoff, firstname, lastname, passwd, language, description,
    preprocess_subroutine, as in `AgentFeaturesSchema`). An edit gives only what
    changes: absent fields keep their values (a new number is applied with the
    agent's queue members, and refused while the agent is logged in); `users`
    (user ids), `queues` (memberships) and `skills` are replaced only when not
    None."""

    features: dict = field(default_factory=dict)
    users: list[int] | None = None
    queues: list[AgentQueue] | None = None
    skills: list[AgentSkill] | None = None
