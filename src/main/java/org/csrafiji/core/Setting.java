package org.csrafiji.core;

/**
 * A setting a user can change to fix an error, named independently of any front end. An
 * exception names the setting at fault ({@link CsraException#setting()}); the command line
 * words the remedy as its option, a Fiji dialog as its field, a script as its parameter.
 */
public enum Setting {
	/** The backbone architecture (spec "architecture"). */
	ARCHITECTURE,
	/** The TorchScript module file (spec "backbone"). */
	BACKBONE_FILE,
	/** Consent to run the code a TorchScript backbone carries (spec "trust_code"). */
	TRUST_CODE,
	/** The head kind: CSRA or training-free (spec "head"). */
	HEAD,
	/** The number of CSRA heads (spec "heads"). */
	HEADS,
	/** The class names (spec "classes"). */
	CLASSES,
	/** The weights file (spec "checkpoint"). */
	CHECKPOINT,
	/** The per-channel mean of the normalisation (spec "mean"). */
	MEAN,
	/** The per-channel standard deviation of the normalisation (spec "std"). */
	STD,
	/** The dataset to evaluate or train on. */
	DATASET,
	/** The learning rate of training. */
	LEARNING_RATE,
	/** The device the model runs on (auto, cpu, gpu, gpu:N). */
	DEVICE
}
