"""Junk of every type, for the "junk raises only ConnectRequestError" properties."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st


def junk_values() -> st.SearchStrategy[Any]:
    """Values of any type a caller might pass by mistake (never a valid request member)."""
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.text(max_size=20),
        st.binary(max_size=10),
        st.lists(st.one_of(st.integers(), st.text(max_size=5), st.none()), max_size=4),
        st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=5), max_size=3),
        st.datetimes(),
        st.just(object()),
    )
