"""Where a benchmark comes from outside a shared database set up for territories: computed from the rows, as
always (SQLite, or PostgreSQL before ``maturity access init``); publishing one is refused there in Russian, and
nothing is written. (Under a territory's login: tests/cli/test_cli_published_benchmark.py.)"""

from __future__ import annotations

import pytest

from maturity.storage.published_benchmark import PublishError

YEAR = 2025


@pytest.fixture
def demo_store(store):
    from maturity.usecases.demo import fill_demo

    fill_demo(store)
    return store


@pytest.mark.slow
def test_a_benchmark_is_computed_from_the_rows_and_publishing_is_refused(demo_store, current_base_profile):
    from maturity.storage.published_benchmark import published_document, restricted_login
    from maturity.usecases.benchmark import benchmark_for, make_benchmark, publish_benchmark

    session = demo_store.session
    assert not restricted_login(session)
    computed, published = benchmark_for(session, current_base_profile, YEAR)
    assert not published
    assert computed == make_benchmark(session, current_base_profile, YEAR)
    assert computed.groups  # the demo federation has groups to show
    engine = session.get_bind()
    with pytest.raises(PublishError) as refused:
        publish_benchmark(engine, current_base_profile, YEAR)
    text = str(refused.value)
    assert "общей базе PostgreSQL" in text or "maturity access init" in text
    assert published_document(session, YEAR, current_base_profile.id, current_base_profile.version) is None


def test_an_empty_database_has_no_published_benchmark_and_publishes_none(store, current_base_profile):
    from maturity.storage.published_benchmark import published_document, restricted_login
    from maturity.usecases.benchmark import benchmark_for, publish_benchmark

    assert not restricted_login(store.session)
    assert published_document(store.session, YEAR, current_base_profile.id, current_base_profile.version) is None
    empty, published = benchmark_for(store.session, current_base_profile, YEAR)
    assert empty.groups == () and not published
    with pytest.raises(PublishError):
        publish_benchmark(store.session.get_bind(), current_base_profile, YEAR)
