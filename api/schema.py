"""The OpenAPI document: every operation declares the error answers it can give, in the one
error shape (api/errors.py), and the 304 of a conditional request."""

from django.utils.translation import gettext as _

ERROR = {"$ref": "#/components/schemas/Error"}


def error_responses():
    def answer(text):
        return {"description": text, "content": {"application/json": {"schema": ERROR}}}

    return {
        "304": {"description": _("Not modified: the ETag you sent in If-None-Match still matches.")},
        "400": answer(_("Invalid query parameters.")),
        "401": answer(_("The token is invalid, expired or revoked.")),
        "404": answer(_("No such thing, or not one you may see.")),
        "405": answer(_("The API only reads.")),
        "406": answer(_("The answer cannot be given in the media type asked for.")),
        "429": answer(_("Too many requests for this token, user or address: retry after Retry-After seconds.")),
    }


ERROR_SCHEMA = {
    "type": "object",
    "required": ["status", "code", "detail"],
    "properties": {
        "status": {"type": "integer"},
        "code": {"type": "string", "description": "not_found, not_authenticated, authentication_failed, invalid, …"},
        "detail": {"type": "string"},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
            "description": "For invalid query parameters: the messages of each.",
        },
    },
}


def add_error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            for status, response in error_responses().items():
                operation.setdefault("responses", {}).setdefault(status, response)
    return result
