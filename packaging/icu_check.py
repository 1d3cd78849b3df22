"""What Qt asks of ICU in this program, printed so that two ICU data libraries can be compared.

scripts/build-bundle-check runs it twice with the build's Python and PySide6: once as installed
(PySide6's full libicudata), once with the bundle's trimmed libicudata preloaded
(packaging/bundle_trim.py); the outputs must be equal. It also fails by itself when ICU's answers
are not the Russian ones (Cyrillic order with «ё» beside «е», locale case mapping, the Cyrillic codecs found),
so that a data library that ICU cannot read — and silently replaces with code-point order — is caught.

    python packaging/icu_check.py          # prints one line per check; exit code 1 on a wrong answer
"""

from __future__ import annotations

import sys

WORDS = ["яблоко", "Ёлка", "ель", "ёж", "Жук", "жук", "апрель", "Август", "10 дней", "9 дней", "Zebra", "apple",
         "Ещё", "ещё", "Щука", "эхо", "юг", "ъ", "Ь"]
TEXT = "Цифровая зрелость: ёлка, ЁЖ, Ѐ, straße"
CODECS = ("windows-1251", "KOI8-R", "IBM866")  # ICU's converters: PySide6 has no decode(), Qt asks ICU when made


def main() -> int:
    from PySide6.QtCore import QCollator, QLocale, QStringDecoder

    results, failures = [], []
    russian = QLocale(QLocale.Language.Russian, QLocale.Country.Russia)
    for name, locale in (("ru", russian), ("en", QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))):
        collator = QCollator(locale)
        results.append((f"sort {name}", sorted(WORDS, key=collator.sortKey)))
        collator.setNumericMode(True)
        results.append((f"sort {name} numeric", sorted(WORDS, key=collator.sortKey)))
        collator.setCaseSensitivity(collator.caseSensitivity().CaseInsensitive)
        results.append((f"equal {name} ignoring case", collator.compare("ЁЛКА", "ёлка")))
    results.append(("upper ru", russian.toUpper(TEXT)))
    results.append(("lower ru", russian.toLower(TEXT)))
    for qt_name in CODECS:
        decoder = QStringDecoder(qt_name)
        results.append((f"codec {qt_name}", decoder.isValid()))

    ru = dict(results)["sort ru"]
    if not ru.index("ёж") < ru.index("ель") < ru.index("жук") < ru.index("эхо") < ru.index("яблоко"):
        failures.append("Russian order («ёж» before «ель»)")
    if not ru.index("яблоко") < ru.index("apple"):  # Russian tailoring (coll/ru.res): Cyrillic first
        failures.append("Russian collation data (Cyrillic before Latin)")
    if dict(results)["equal ru ignoring case"] != 0:
        failures.append("case-insensitive comparison")
    if not dict(results)["upper ru"].startswith("ЦИФРОВАЯ ЗРЕЛОСТЬ: ЁЛКА"):
        failures.append("Russian upper case")
    failures += [f"codec {name}" for name in CODECS if not dict(results)[f"codec {name}"]]
    for name, value in results:
        print(f"{name}: {value}")
    if failures:
        print("icu-check: WRONG " + ", ".join(failures))
        return 1
    print("icu-check: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
