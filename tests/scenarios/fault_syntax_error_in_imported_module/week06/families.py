"""A families.py that lost a colon while its author was editing (the rest does not matter)."""

import numpy as np


class Family:
    def variance(self, mu: np.ndarray) -> np.ndarray
        return np.ones_like(mu)
