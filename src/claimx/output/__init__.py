"""Stage 5: files out (atomic), rich renderables, and queries for `claimx diff` / `claimx show`."""
