"""Cursor pagination on the stable id: a mirror that walks the pages never skips or repeats a
row when rows are added meanwhile, and `next` is an opaque link to follow."""

from rest_framework.pagination import CursorPagination


class IdCursorPagination(CursorPagination):
    ordering = "id"
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500
