"""The project's SQL as package data: migrations/, views/, statements/ and queries/.

A package so that the .sql files ship inside the wheel and are read through
importlib.resources (warehouse/statements.py), wherever newsetl is installed.
"""
