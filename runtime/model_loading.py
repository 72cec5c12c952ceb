"""Loading the trained TensorFlow models (DIET; any other RasaModel alike) for prediction only.

Rasa 3.6.21's `RasaModel.load` creates a model's variables by compiling it with an Adam optimizer
and training it for one step on one example, then overwrites them with the saved weights. That
traces the whole training graph (gradients, optimizer slots) once per model and keeps it for the
life of the process: with DIET and Rasa's ResponseSelector it was ≈ 600 MB of the Rasa server's
memory, for weights of under 30 MB, and most of its start-up (38 s against 11 s without it); with
DIET alone (the FAQ selector is no TensorFlow model now) 158 MB. A server never trains, so
`load_for_prediction` creates the variables by one prediction instead; TensorFlow gives each variable
its saved value as it is created. The predictions are the same (tests/test_model_loading.py compares
them on the held-out messages). Loading for fine-tuning (`rasa train --finetune`) keeps Rasa's way:
it needs the optimizer.
"""

from __future__ import annotations

from typing import Any, Optional

from rasa.utils.tensorflow.model_data import RasaModelData
from rasa.utils.tensorflow.models import RasaModel

_rasa_load = RasaModel.load.__func__


def load_for_prediction(cls: type[RasaModel], model_file_name: str, model_data_example: RasaModelData,
                        predict_data_example: Optional[RasaModelData] = None, finetune_mode: bool = False,
                        *args: Any, **kwargs: Any) -> RasaModel:
    """`RasaModel.load` without the training step, unless the model is loaded to be trained further."""
    if finetune_mode or predict_data_example is None:
        return _rasa_load(cls, model_file_name, model_data_example, predict_data_example, finetune_mode,
                          *args, **kwargs)
    model = cls(*args, **kwargs)
    # Restored as the variables come into being; the optimizer's saved slots are not wanted here.
    model.load_weights(model_file_name).expect_partial()
    model.run_inference(predict_data_example)  # creates every variable and traces the prediction graph
    return model


def install() -> None:
    """Make every RasaModel (DIET, ResponseSelector, TED) of this process load for prediction only."""
    RasaModel.load = classmethod(load_for_prediction)
