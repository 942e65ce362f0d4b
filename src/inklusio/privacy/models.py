"""Records of the data-protection work; each area keeps its own personal data (see core/extensions.py)."""
