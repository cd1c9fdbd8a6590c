"""Turning source files into documents and documents into retrievable chunks."""
