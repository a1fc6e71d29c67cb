"""Outputs: the atomic writer and the Turtle, CSV, report and HTML writers."""
