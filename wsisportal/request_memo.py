"""Answers computed once per request: the access policy asks "which groups exist" and "is this
user a current officer of that group" several times while one page is built (the navigation, the
object's check, each button's check); within one request the answer is the same.

RequestMemoMiddleware opens a memo for each request and drops it at the end; outside a request
(management commands, services called from tests) nothing is memoised, so no answer outlives the
request that computed it.
"""

import contextvars

_memo = contextvars.ContextVar("request_memo", default=None)


def memoized(key, compute):
    """compute(), once per request for this key."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


class RequestMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
