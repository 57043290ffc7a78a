"""The OpenAPI 3 description of the JSON API (served at /api/openapi.json)."""

from __future__ import annotations

TAG_LIST = {"type": "array", "items": {"type": "string"}}
NULLABLE_STR = {"type": ["string", "null"]}

SECTION = {
    "type": "object",
    "required": ["id", "order", "heading", "text", "cities", "themes"],
    "properties": {
        "id": {"type": "integer"},
        "order": {"type": "integer"},
        "heading": {"type": "string"},
        "text": {"type": "string"},
        "cities": TAG_LIST,
        "themes": TAG_LIST,
    },
}
ARTICLE = {
    "type": "object",
    "required": [
        "id",
        "url",
        "kind",
        "kicker",
        "headline",
        "subheadline",
        "byline",
        "publication",
        "date",
        "page",
        "cities",
        "themes",
        "needs_review",
        "sections",
    ],
    "properties": {
        "id": {"type": "integer"},
        "url": {"type": "string", "format": "uri"},
        "kind": {"type": "string", "enum": ["news", "feature", "brief", "commentary", "photo", "notice"]},
        "kicker": {"type": "string"},
        "headline": {"type": "string"},
        "subheadline": {"type": "string"},
        "byline": {"type": "string"},
        "publication": {**NULLABLE_STR, "description": "null when the paper is unknown"},
        "date": {**NULLABLE_STR, "format": "date", "description": "null when unknown"},
        "page": NULLABLE_STR,
        "cities": TAG_LIST,
        "themes": TAG_LIST,
        "needs_review": {"type": "boolean"},
        "citation": {
            "type": "object",
            "properties": {
                "gbt7714": {"type": "string"},
                "ris": {"type": "string"},
                "bibtex": {"type": "string"},
            },
        },
        "sections": {"type": "array", "items": SECTION},
    },
}
FACET_VALUE = {
    "type": "object",
    "required": ["value", "label", "count", "selected"],
    "properties": {
        "value": {"type": "string"},
        "label": {"type": "string"},
        "count": {"type": "integer"},
        "selected": {"type": "boolean"},
    },
}
HIT = {
    "type": "object",
    "required": [
        "section_id",
        "article_id",
        "url",
        "headline",
        "heading",
        "snippet",
        "publication",
        "date",
        "cities",
        "themes",
    ],
    "properties": {
        "section_id": {"type": "integer"},
        "article_id": {"type": "integer"},
        "url": {"type": "string", "format": "uri"},
        "headline": {"type": "string"},
        "heading": {"type": "string"},
        "snippet": {"type": "string", "description": "HTML-escaped text with <mark> around matches"},
        "publication": NULLABLE_STR,
        "date": NULLABLE_STR,
        "cities": TAG_LIST,
        "themes": TAG_LIST,
    },
}
ERROR = {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}


def _query(name: str, description: str, *, repeat: bool = False, schema: dict | None = None) -> dict:
    param = {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or {"type": "string"},
    }
    if repeat:
        param.update(
            {"schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": True}
        )
    return param


SEARCH_PARAMS = [
    _query("q", '检索词：词语默认同时出现；"短语"；-排除；OR'),
    _query("city", "地区（可重复，多选为“或”）", repeat=True),
    _query("theme", "主题（可重复）", repeat=True),
    _query("publication", "报纸（可重复）", repeat=True),
    _query("year", "年份（可重复）", repeat=True),
    _query("date_from", "起始日期（含）：2025、2025-08 或 2025-08-07"),
    _query("date_to", "截止日期（含）：2025、2025-08 或 2025-08-07"),
    _query("sort", "排序", schema={"type": "string", "enum": ["relevance", "newest", "oldest"]}),
]


def _json(schema: dict, description: str = "成功") -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


PATHS: dict = {
    "/healthz": {
        "get": {
            "summary": "健康检查",
            "responses": {
                "200": _json(
                    {
                        "type": "object",
                        "required": ["status", "articles", "sections", "indexed"],
                        "properties": {
                            "status": {"type": "string"},
                            "articles": {"type": "integer"},
                            "sections": {"type": "integer"},
                            "indexed": {"type": "integer"},
                        },
                    }
                )
            },
        }
    },
    "/api/articles": {
        "get": {
            "summary": "文章列表（分页）",
            "parameters": [_query("page", "页码", schema={"type": "integer", "minimum": 1})],
            "responses": {
                "200": _json(
                    {
                        "type": "object",
                        "required": ["count", "next", "results"],
                        "properties": {
                            "count": {"type": "integer"},
                            "next": NULLABLE_STR,
                            "results": {"type": "array", "items": ARTICLE},
                        },
                    }
                ),
                "400": _json(ERROR, "页码无效"),
            },
        }
    },
    "/api/articles/{id}": {
        "get": {
            "summary": "一篇文章及其段落",
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
            "responses": {"200": _json(ARTICLE), "404": _json(ERROR, "没有这篇文章")},
        }
    },
    "/api/search": {
        "get": {
            "summary": "检索段落，附分面计数",
            "parameters": [
                *SEARCH_PARAMS,
                _query("page", "页码", schema={"type": "integer", "minimum": 1}),
            ],
            "responses": {
                "200": _json(
                    {
                        "type": "object",
                        "required": ["count", "page", "num_pages", "results", "facets"],
                        "properties": {
                            "count": {"type": "integer"},
                            "page": {"type": "integer"},
                            "num_pages": {"type": "integer"},
                            "results": {"type": "array", "items": HIT},
                            "facets": {
                                "type": "object",
                                "additionalProperties": {"type": "array", "items": FACET_VALUE},
                            },
                        },
                    }
                ),
                "400": _json(ERROR, "请求无法检索"),
            },
        }
    },
    "/api/search/export.csv": {
        "get": {
            "summary": "导出全部检索结果（CSV，流式）",
            "parameters": SEARCH_PARAMS,
            "responses": {"200": {"description": "CSV", "content": {"text/csv": {}}}},
        }
    },
    "/api/search/export.json": {
        "get": {
            "summary": "导出全部检索结果（JSON 数组，流式）",
            "parameters": SEARCH_PARAMS,
            "responses": {"200": _json({"type": "array", "items": {"type": "object"}})},
        }
    },
}


def schema(*, server: str) -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "京蒙协作报道档案 API",
            "version": "1.0.0",
            "description": "报纸报道的文章、段落与检索。所有形状只增不改。",
        },
        "servers": [{"url": server}],
        "paths": PATHS,
    }
