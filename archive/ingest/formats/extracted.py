"""What a format's extractor hands to the text pipeline: text it understands, and what the page's
structure stated about it (never more than that)."""

from __future__ import annotations

from dataclasses import dataclass, field

TEXT, HTML, PDF = "text/plain", "text/html", "application/pdf"


@dataclass
class Region:
    """Where one article stands on the page image: its headline and [x0, y0, x1, y1] as fractions."""

    headline: str
    box: list[float]


@dataclass
class Extracted:
    text: str  # kicker, "## headline", subtitle, byline lines, then one paragraph per line
    media_type: str = TEXT
    publication: str = ""
    date: str = ""  # ISO date the page's markup states, or (date_inferred) its address implies
    date_inferred: bool = False
    label: str = ""  # 版次, e.g. 07版
    source_url: str = ""
    byline: str = ""
    title: str = ""
    image_png: bytes = b""
    regions: list[Region] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def article_text(
    *, kicker: str = "", title: str = "", subtitle: str = "", header: list[str], body: list[str]
) -> str:
    """The lines the text pipeline reads as one article: the headline marked as a whole title."""
    head = [kicker] if kicker else []
    head += [f"## {title}"] if title else []
    head += [subtitle] if subtitle else []
    head += header
    parts = ["\n".join(head)] if head else []
    parts.append("\n".join(body))
    return "\n\n".join(p for p in parts if p.strip()) + "\n"
