"""Screenshot of the result page compared with other organizations (run by scripts/screenshots under Xvfb).

    python -m tools.screenshots.result_peers docs/screenshots

Fills a throwaway database with the demo federation, writes its 2025 benchmark as `maturity benchmark`
does, then fills the wizard with examples/primary-small.json's answers and loads the benchmark on the
result page: docs/screenshots/result-peers.png.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from tools.screenshots.main_window import fill
from tools.screenshots.shots import DEFAULT_FOLDER, example_answers, example_organization, save, scratch_window, settle


def main(out: str) -> int:
    folder = Path(out).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    from maturity.exchange.benchmark_json import write_benchmark_json
    from maturity.usecases.benchmark import make_benchmark
    from maturity.usecases.demo import fill_demo

    answers = example_answers()
    with tempfile.TemporaryDirectory() as tmp:
        window = scratch_window(app, Path(tmp))
        store, profile = window.view.store, window.view.default_profile
        fill_demo(store)
        peers = Path(tmp) / "peers.json"
        write_benchmark_json(make_benchmark(store.session, profile, 2025), peers)
        store.session.commit()
        org = example_organization(store, profile, answers)
        window.view.refresh(org.id)
        wizard = window.view.start_assessment(2025)
        for page in wizard.section_pages:
            fill(page, answers)
            wizard.next()
        result = wizard.result_page
        result.load_benchmark(str(peers))
        result.tabs.setCurrentIndex(0)
        settle(app)
        save(wizard, folder, "result-peers", app)
        wizard.close()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT_FOLDER)))
