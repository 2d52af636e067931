"""Tests of the command line (newsetl/)."""
