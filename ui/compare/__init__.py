"""The comparison of organizations and years (territorial staff): a window with filters, summary cards,
the comparison table (:mod:`ui.compare.comparison_model`) and the charts of :mod:`maturity.views.compare_charts`."""
