"""newsetl's defaults and their environment overrides: the base every layer may import.

It imports nothing of the project, so transforms/, warehouse/, flows/ and the
command line (newsetl/) all read one set of defaults.
"""
