"""claimx: turn raw multilingual news into dated, attributed claims and reconcile them across sources."""

__version__ = "0.1.0"
