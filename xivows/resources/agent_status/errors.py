"""What agent control refuses. The messages are API (the agent-control documents
print them): keep them stable."""

from xivows.errors import InvalidInput, NotFound


class NoSuchAgent(NotFound):
    def __init__(self):
        super().__init__('No such agent')


class NoSuchQueue(NotFound):
    def __init__(self):
        super().__init__('No such queue')


class NoSuchExtension(NotFound):
    def __init__(self):
        super().__init__('No such extension and context')


class NotLogged(InvalidInput):
    def __init__(self):
        super().__init__('Not logged')


class AlreadyLogged(InvalidInput):
    def __init__(self):
        super().__init__('Already logged')


class ExtensionInUse(InvalidInput):
    def __init__(self):
        super().__init__('Extension and context already in use')


class AlreadyInQueue(InvalidInput):
    def __init__(self):
        super().__init__('Agent already in queue')


class NotInQueue(InvalidInput):
    def __init__(self):
        super().__init__('Agent not in queue')


class NotDialableNumber(InvalidInput):
    """Agent/<number> with * or # is no queue member (json.php's queue and agent
    services refuse it too)."""

    def __init__(self, number):
        super().__init__(f'Agent number {number} is not all digits: it cannot be a queue member')
