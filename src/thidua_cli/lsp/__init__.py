"""``thidua lsp``: the linter, the bloc's ids and the rule docs in the editor.

A language server (pygls, lsprotocol types) over the same library as the
command line: ``session.py`` lints each open buffer with the lint engine and
keeps an ``index.py`` of the ids it defines and uses; ``cursor.py`` reads
where the cursor stands from the lines around it (so a half-typed file still
gets help); ``diagnostics.py``, ``hover.py``, ``completion.py``,
``navigation.py``, ``actions.py`` and ``symbols.py`` answer one kind of
request each; ``server.py`` wires them to the protocol. pygls is an optional
dependency (``pip install 'thidua-cli[lsp]'``): nothing outside this package
imports it.
"""
