"""`rasa` with NumPy's global random generator seeded: `python -m bench.same_folds test nlu ...`.

Rasa 3.6's cross-validation shuffles the data into folds with that generator and no seed of its own
(`StratifiedKFold(shuffle=True)`), so two runs split the data differently, and a pipeline compared with
another was tested on other folds. Run this way, every pipeline is cross-validated on the same folds
and a rerun repeats them.
"""

import sys

import numpy
from rasa.__main__ import main

FOLD_SEED = 2024

if __name__ == "__main__":
    numpy.random.seed(FOLD_SEED)
    sys.argv[0] = "rasa"
    main()
