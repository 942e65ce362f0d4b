"""Counts page views of the public pages after the response is made; costs one in-memory increment at most."""

import logging

from . import services

logger = logging.getLogger(__name__)


class UsageCountingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        try:
            services.count_page_view(request, response)
        except Exception:  # counting must never cost a visitor their page
            logger.exception("usage: counting a page view failed")
        return response
