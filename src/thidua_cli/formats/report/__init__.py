"""The year-end report's output: its JSON, and what the command says besides."""
