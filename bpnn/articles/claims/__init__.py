"""Checkable claims of the five articles, registered chapter by chapter (see :mod:`.registry`)."""
from .registry import (
    Claim,
    Outcome,
    Verdict,
    agrees,
    all_claims,
    claims_for,
    decimals,
    fmt,
    get_claim,
    numeric_outcome,
)

__all__ = [
    "Claim", "Outcome", "Verdict", "agrees", "all_claims", "claims_for", "decimals", "fmt",
    "get_claim", "numeric_outcome",
]
