"""gunicorn's gevent worker, with gevent imported by the worker processes only.

gunicorn's master creates each worker object before forking it, so the worker
class is loaded there, and gunicorn's own gevent worker imports gevent with its
module: about 6 MiB of resident memory in a process that never runs a greenlet.
This class stands for it in the master; in each worker process, once forked, it
becomes gunicorn's own (which patches the standard library first, as before)."""

from gunicorn.workers.base_async import AsyncWorker


class GeventWorker(AsyncWorker):
    """gunicorn.workers.ggevent.GeventWorker, loaded as a worker starts."""

    def init_process(self):
        from gunicorn.workers.ggevent import GeventWorker as Loaded

        # The object was built by the master with the same __init__ (gunicorn's
        # gevent worker keeps AsyncWorker's).
        self.__class__ = Loaded
        Loaded.init_process(self)
