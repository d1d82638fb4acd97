"""Local area partnerships, their predecessor bodies, inspection history and the register import."""
