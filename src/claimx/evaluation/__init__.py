"""Evaluation harnesses: claimx scored on public benchmarks (`claimx eval`)."""
