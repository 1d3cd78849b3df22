"""The passport of an organization's year as a PDF: ``html`` lays out the core's content, ``pdf`` paints
it with Qt, ``save`` asks where (the app), ``command`` runs ``maturity passport`` (the console script).

This module stays light (the main window reads the action's words before its first paint)."""

ACTION_TEXT = "Печать / PDF…"
ACTION_TIP = (
    "Паспорт организации за год для заседания выборного органа: индекс и уровень с изменением к прошлому году, "
    "показатели, нормативы, план и итоги прошлогоднего плана, место для подписи (PDF, A4)"
)
