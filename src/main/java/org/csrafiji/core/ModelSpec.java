package org.csrafiji.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A complete description of one model: architecture, head, classes, preprocessing, and where
 * its weights are (or can be had). Read from and written to JSON by {@link ModelSpecs}.
 *
 * @param name short identifier
 * @param description one line for people
 * @param architecture the backbone: a ResNet, a ViT, or a TorchScript module with its file and
 *        the user's consent to run its code (spec fields "architecture", "backbone" and
 *        "trust_code")
 * @param head which head
 * @param heads number of CSRA heads (ignored for the training-free head)
 * @param temperatures one per head
 * @param lambda weight of the attention term
 * @param input size and normalisation
 * @param classes class names in logit order
 * @param checkpoint the weights file, resolved against the spec's folder; may be absent
 * @param weightsUrl where the published weights can be downloaded, or null
 * @param sha256 the SHA-256 of the published weights file (lower-case hex, the whole 64 digits
 *        or a prefix of at least 8, as OpenMMLab puts in its file names), or null
 * @param reported what the authors report for this model (e.g. "VOC2007 mAP 94.7"), or null
 * @param threshold score above which a class is predicted
 */
public record ModelSpec(String name, String description, Architecture architecture, HeadKind head,
	int heads, List<Temperature> temperatures, double lambda, InputSpec input,
	ClassLabels classes, Path checkpoint, String weightsUrl, String sha256, String reported,
	double threshold)
{

	/** Checks consistency. */
	public ModelSpec {
		if (architecture == null) {
			throw new ModelSpecException("Model spec '" + name
				+ "' names no architecture; add \"architecture\": \"resnet101\" (or another supported"
				+ " backbone).", Setting.ARCHITECTURE, null, null);
		}
		if (head == HeadKind.CSRA) {
			if (heads < 1) {
				throw new ModelSpecException("A CSRA model needs at least one head; spec '"
					+ name + "' has " + heads + ".");
			}
			if (temperatures == null) {
				temperatures = Temperature.defaultsFor(heads);
			}
			if (temperatures.size() != heads) {
				throw new ModelSpecException("Spec '" + name + "' has " + heads + " heads but "
					+ temperatures.size() + " temperatures; give one temperature per head.");
			}
		}
		else {
			temperatures = List.of(Temperature.INFINITE);
			heads = 1;
		}
		temperatures = List.copyOf(temperatures);
		if (!(lambda > 0) || !Double.isFinite(lambda)) {
			throw new ModelSpecException(
				"lambda must be a positive number (the paper uses 0.1 to 0.5); spec '"
					+ name + "' has " + lambda + ".");
		}
		if (sha256 != null) {
			sha256 = sha256.strip().toLowerCase(Locale.ROOT);
			if (!sha256.matches("[0-9a-f]{8,64}")) {
				throw new ModelSpecException(
					"Spec '" + name + "': \"sha256\" must be hexadecimal digits"
						+ " (the file's SHA-256, all 64 or a prefix of at least 8), not '" + sha256
						+ "'.");
			}
		}
		if (!(threshold > 0 && threshold < 1)) {
			throw new ModelSpecException("threshold must lie between 0 and 1; spec '" + name
				+ "' has " + threshold + ".");
		}
	}

	/**
	 * @return the user's consent to run code the model carries: a TorchScript backbone is a
	 *         program, and loading it runs that program (spec field {@code "trust_code"})
	 */
	public boolean trustCode() {
		return architecture instanceof Architecture.TorchScript t && t.trusted();
	}

	/** @return the checkpoint path when one is named */
	public Optional<Path> checkpointFile() {
		return Optional.ofNullable(checkpoint);
	}

	/**
	 * @param newCheckpoint weights file
	 * @return this spec with another checkpoint
	 */
	public ModelSpec withCheckpoint(Path newCheckpoint) {
		return new ModelSpec(name, description, architecture, head, heads, temperatures, lambda,
			input, classes, newCheckpoint, weightsUrl, sha256, reported, threshold);
	}

	/**
	 * @param newClasses class names
	 * @return this spec with other classes
	 */
	public ModelSpec withClasses(ClassLabels newClasses) {
		return new ModelSpec(name, description, architecture, head, heads, temperatures, lambda,
			input, newClasses, checkpoint, weightsUrl, sha256, reported, threshold);
	}

	/**
	 * @return a builder starting from this spec
	 */
	public ModelSpecBuilder toBuilder() {
		return new ModelSpecBuilder(this);
	}
}
