"""Output formats: results laid out on a stream, one subpackage per kind of result.

``lint`` (text, json, github, sarif, gitlab), ``diff`` (text, md, json),
``report`` (what ``thidua report`` says besides the reports, and their JSON)
and ``newplan`` (what ``thidua new`` says). The library returns values; only
these modules and the command line write them.
"""
