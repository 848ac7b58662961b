"""Answers to residents' questions, each built from the store and the calendar."""
