"""«Загрузить демонстрационные данные»: the demonstration federation in an empty database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ui.actions.context import AppContext


@dataclass
class LoadDemo:
    """Written by the core in one transaction, off the UI thread, in a session of its own (a
    session must not cross threads); ``on_failed`` after the error is shown."""

    context: AppContext
    on_failed: Callable[[], None] = lambda: None

    def do(self) -> None:
        from ui.background import show_error

        context = self.context

        def work() -> str:
            from maturity.usecases.demo import fill_demo

            with context.open_store() as store:
                return fill_demo(store)

        def done(summary: str) -> None:
            context.events.written.emit(None)
            context.events.message.emit(summary, 10000)

        def failed(error: BaseException) -> None:
            self.on_failed()
            show_error(context.parent(), error, "Демонстрационные данные")

        context.runner.run(work, done, failed, busy_text="Загружаю демонстрационные данные…")
