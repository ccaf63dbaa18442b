"""The documents of the year, one registry of kinds (``data/documents.toml``).

A kind is data: its names, its type name and symbol code, its templates, the
function that builds its template context from a plan (a module of this
package each), the options it takes and the lint gate it needs. ``thidua
render --doc KIND`` renders any of them the way it renders the plan; the plan
(``ke-hoach``) and the year-end report (``tong-ket``) are two of them.
"""
