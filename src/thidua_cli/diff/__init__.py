"""``thidua diff``: what changed between two versions of a plan, item by item.

``revision`` reads a side (a file, standard input or a git revision),
``normalize`` turns parsed YAML into values that compare by meaning,
``compare`` walks two such values into a list of ``Change``s (``change``),
and ``engine`` ties them together into one ``DiffResult``. Nothing here
prints: the formats in ``thidua_cli.formats.diff`` do.
"""
