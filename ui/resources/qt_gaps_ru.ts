<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt's own words that qtbase_ru.qm lacks: its file dialog asks for them with their shortcut letters.
     Compiled with: .venv/bin/pyside6-lrelease ui/resources/qt_gaps_ru.ts -qm ui/resources/qt_gaps_ru.qm -->
<TS version="2.1" language="ru_RU">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Папка:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>&amp;Тип файлов:</translation>
    </message>
</context>
</TS>
