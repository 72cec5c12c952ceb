"""Reading owners' answers into slot values by meaning: learned readers over word vectors and lemmas
(reader.py), with negation marked (negation.py), trained from answers.yml and the NLU data. No Rasa
import: components/slot_readers.py is the Rasa glue that trains and runs them inside the pipeline."""
