"""The profile editor: federation staff change a method's targets, weights and wording and save or install it.

``tree_model.py`` (the groups of fields as a Qt item model), ``form.py`` (one group's fields with the
error beside each), ``window.py`` (the window: the groups, the form, «Что изменилось», saving and
installing). The logic is in :mod:`maturity.method.editing`.
"""
