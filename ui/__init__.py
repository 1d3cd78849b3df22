"""The desktop app (PySide6) over the :mod:`maturity` core.

Where things are:

- ``launcher.py`` — the ``maturity`` console script: a sub-command runs the CLI, none opens the app.
- ``app.py`` — ``run_app(db_url)``: QApplication, Russian locale, the main window painted first,
  the database opened right after the first paint.
- ``main_window.py`` — layout and wiring: the organization's card (``org_card.py``), its assessments by
  year (``models/assessments.py``), the toolbar.
- ``actions/`` — what each button does, one command per module (``new_assessment.py``,
  ``open_assessment.py``, ``export_workbook.py``, ``import_files.py``, ``demo.py``, ``resume.py``,
  ``organization.py``), each given the app's context (``actions/context.py``), never the window.
- ``wizard/`` — the assessment wizard generated from the profile: ``section_page.py`` (one page per
  section, an editor per question from ``editors.py``), ``result_page.py`` (scores, radar, norms,
  road map; tables through ``models/rows.py``, the chart through ``chart_view.py``), ``wizard.py``.
- ``compare/`` — «Сравнение организаций» (``window.py``): filters, summary cards, the table
  (``models/comparison.py``: ids sorted and filtered by SQL, rows fetched as shown) and the charts of
  :mod:`maturity.views.compare_charts`.
- ``drafts.py`` — the answers saved as a draft after a pause in typing (in the background), and where
  the user was.
- ``background.py`` — work off the UI thread (database, drafts, demo data, workbooks, imports).

The documentation's screenshots are taken by ``tools/screenshots/`` (``scripts/screenshots``), outside
the installed packages.

The answers live in :class:`maturity.engine.session.AssessmentSession`, the scores come from
:mod:`maturity.engine.scoring`, the data from :mod:`maturity.storage.store`: the UI shows, it does not compute.
"""
