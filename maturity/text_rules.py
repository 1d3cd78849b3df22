"""The rules every text the program keeps or shows must follow, wherever it comes from.

A name, a title or a question text from a file (a profile, a register, an assessment) may hold
control characters (an escape sequence would reach the terminal), broken characters (a lone surrogate
cannot be saved in a database or a workbook) or nothing visible at all (U+200B only). These
functions say why such a text is refused, as a Russian phrase, or None when it is fine.
"""

from __future__ import annotations

import re
import unicodedata

from maturity.errors import shorten

# Control characters (tab and line breaks aside) and lone surrogates: never in a kept text.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_BREAKS = re.compile("[\t\n\r\u2028\u2029]")


def is_invisible(text: str) -> bool:
    """Whether ``text`` shows nothing: empty, or only spaces, zero-width and other format characters."""
    return all(unicodedata.category(char)[0] in "CZ" for char in text)


def forbidden_character(text: str) -> str | None:
    """Why ``text`` holds a character no kept text may hold (a control or a broken character), or None."""
    bad = _FORBIDDEN.search(text)
    if bad is None:
        return None
    if "\ud800" <= bad[0] <= "\udfff":
        return "в тексте испорченный символ (половина суррогатной пары)"
    return f"в тексте управляющий символ {shorten(bad[0])}"


def label_problem(text: str, limit: int, *, required: bool = True, one_line: bool = True) -> str | None:
    """Why ``text`` cannot be a title or a label (as an organization's name): a forbidden character, a line
    break in a one-line label, nothing visible (when ``required``), more than ``limit`` characters."""
    problem = forbidden_character(text)
    if problem is not None:
        return problem
    if one_line and _LINE_BREAKS.search(text):
        return "в тексте перевод строки или табуляция: здесь нужна одна строка"
    if (required or text) and is_invisible(text):
        return "текст пустой или из одних невидимых символов"
    if len(text) > limit:
        return f"текст длиннее {limit} знаков"
    return None


def code_problem(text: str) -> str | None:
    """Why ``text`` cannot be a code (an organization's identifier): a control, format, invisible or space
    character inside it (U+200B, U+00A0, a direction mark…), which would make two codes look the same."""
    for char in text:
        if unicodedata.category(char)[0] in "CZ":
            return f"в коде невидимый или управляющий символ U+{ord(char):04X}"
    return None
