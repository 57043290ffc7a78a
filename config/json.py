"""JSON responses that are safe even if a browser is tricked into reading them as HTML."""

from __future__ import annotations

from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse

# <, > and & as \u escapes: the decoded strings are unchanged, but no markup appears in the bytes
_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


class SafeJSONEncoder(DjangoJSONEncoder):
    def encode(self, o) -> str:
        return super().encode(o).translate(_ESCAPES)


def json_response(data, *, status: int = 200) -> JsonResponse:
    """Chinese as UTF-8 (not \\u escapes), markup characters escaped."""
    return JsonResponse(
        data,
        status=status,
        encoder=SafeJSONEncoder,
        json_dumps_params={"ensure_ascii": False},
        safe=not isinstance(data, list),
    )
