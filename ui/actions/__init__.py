"""What happens when the user clicks: one small command per action, each given an
:class:`~ui.actions.context.AppContext` (store, runner, method, settings, a parent for dialogs) and
never the main window. Each is a class with ``do()``, in the module named for its button:

- ``database.py`` — opening (and migrating) the database after the first paint; builds the context.
- ``organization.py`` — «Создать организацию» / «Сохранить изменения» on the card.
- ``new_assessment.py`` — «Новая оценка»: the year and method, then a draft and the wizard.
- ``open_assessment.py`` — «Открыть» (the result page) and «Продолжить» (where the user left off).
- ``resume.py`` — the banner «Заполнение оценки … не закончено» and its «Продолжить заполнение».
- ``wizard.py`` — the wizard of one assessment with its draft saver (:mod:`ui.wizard.drafts`); what its closing shows.
- ``export_workbook.py`` — «Экспорт в Excel».
- ``import_files.py`` — «Загрузить файлы…» (and files dropped on a window): the dialog and what it imported.
- ``demo.py`` — «Загрузить демонстрационные данные».

Actions announce what changed through ``context.events``; the windows listen.
"""
