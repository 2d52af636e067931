"""Pure parsing of raw news dumps: bytes/text in, Article or Rejection out. No I/O."""

from transforms.blocks import split_lines
from transforms.bylines import parse_byline
from transforms.captions import build_image, has_caption_cue
from transforms.credits import Credit, credit_strength, parse_credit
from transforms.datelines import Dateline, parse_dateline
from transforms.dates import Timestamp, find_caption_date, parse_timestamp
from transforms.decode import decode_text, gunzip_bounded, is_gzip, normalize_text
from transforms.html_decode import is_html_document
from transforms.html_reader import read_html
from transforms.ids import article_id_for, article_id_for_url
from transforms.links import find_links
from transforms.meta import parse_meta_line
from transforms.parse import parse_dump, parse_text
from transforms.records import Article, Image, Rejection, RelatedLink

__all__ = [
    "Article",
    "Credit",
    "Dateline",
    "Image",
    "Rejection",
    "RelatedLink",
    "Timestamp",
    "article_id_for",
    "article_id_for_url",
    "build_image",
    "credit_strength",
    "decode_text",
    "find_caption_date",
    "find_links",
    "gunzip_bounded",
    "has_caption_cue",
    "is_gzip",
    "is_html_document",
    "normalize_text",
    "parse_byline",
    "parse_credit",
    "parse_dateline",
    "parse_dump",
    "parse_meta_line",
    "parse_text",
    "parse_timestamp",
    "read_html",
    "split_lines",
]
