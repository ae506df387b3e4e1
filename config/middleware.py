"""A marker that runs the whole middleware stack synchronously under ASGI.

Django's built-in middleware can run sync or async. Served over ASGI with async-capable middleware
throughout, Django calls each hook of each middleware (process_request, process_view,
process_response...) through ``sync_to_async``: a thread hop apiece, about twenty per request and
several milliseconds of CPU. Our views are synchronous, so nothing gains from that. Django builds
the stack from the innermost middleware outwards and keeps every middleware above a sync-only one
in sync mode, so this one sync-only middleware at the END of ``MIDDLEWARE`` makes the stack and
the view run in a single thread hop per request. (Websockets do not go through this stack.)
"""


class SyncStackMiddleware:
    sync_capable = True
    async_capable = False

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)
