"""Numbers as people type or paste them, whatever the computer's locale.

«150 000,50», «150000.50», «150000,5», «1 250», «1 250 000,75 руб.», «1,5», «2.5», «1.250.000,75»:
spaces (ordinary, no-break, thin) group digits; a comma or a full stop is the decimal separator
when it occurs once, or when it is the last of two different marks («1.250.000,75», «1,250,000.75»);
the same mark repeated groups digits («1,250,000»). A ruble word or sign at the end is dropped.
A separator never shifts digits: the text is read as a whole, never keystroke by keystroke.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_SPACES = re.compile(r"[\s\u00a0\u2007\u202f']+")
_CURRENCY = re.compile(r"(?:р(?:у(?:б(?:л[а-я]*)?)?)?\.?|₽|rub\.?)$", re.IGNORECASE)  # also «р», «ру» mid-typing
_GROUPS = re.compile(r"\d{1,3}(?:[.,]\d{3})*")
_DIGITS_AND_MARKS = re.compile(r"[+\-\u2212]?[\d.,]*")


def strip_currency(text: str) -> str:
    """The text without a trailing ruble word or sign (and the spaces around the number)."""
    text = text.strip()
    return _CURRENCY.sub("", text).strip()


def normalized(text: str) -> str | None:
    """The number's digits with «.» as the one decimal separator, or None when the text is no number.

    An empty text, a lone sign or a lone separator is None, as is anything with letters, and marks that
    are neither one decimal separator nor groups of three digits («150 000,5,50», «1.25.0»)."""
    body = _SPACES.sub("", strip_currency(text)).replace("\u2212", "-")
    if not body or not _DIGITS_AND_MARKS.fullmatch(body):
        return None
    sign = ""
    if body[0] in "+-":
        sign, body = ("-" if body[0] == "-" else ""), body[1:]
    marks = [c for c in body if c in ".,"]
    if marks:
        last = marks[-1]
        if len(set(marks)) == 1 and len(marks) > 1:
            whole, fraction = body, None  # one mark repeated: digit groups («1,250,000»)
        else:
            whole, _, fraction = body.rpartition(last)
        if any(c in ".," for c in whole) and not _GROUPS.fullmatch(whole):
            return None  # «150 000,5,50»: a second separator where the fraction already is
        body = whole.replace(".", "").replace(",", "") + ("" if fraction is None else "." + fraction)
    if not any(c.isdigit() for c in body):
        return None
    if body.startswith("."):
        body = "0" + body
    if body.endswith("."):
        body = body[:-1]
    return sign + body


def parse_typed_number(text: str) -> Decimal | None:
    """The number a person typed (exact, as a Decimal), or None when the text holds no number."""
    body = normalized(text)
    if body is None:
        return None
    try:
        return Decimal(body)
    except InvalidOperation:  # pragma: no cover - normalized() lets through digits and one «.» only
        return None


def fraction_digits(text: str) -> int:
    """How many digits follow the decimal separator of the typed number (0 when there is none)."""
    body = normalized(text)
    if body is None or "." not in body:
        return 0
    return len(body.rpartition(".")[2])


def format_number(value: float | int | Decimal, decimals: int) -> str:
    """Russian digits: groups of three split by a no-break space, a decimal comma («150 000,50»)."""
    text = f"{Decimal(str(value)):,.{decimals}f}"
    return text.replace(",", "\u00a0").replace(".", ",")
