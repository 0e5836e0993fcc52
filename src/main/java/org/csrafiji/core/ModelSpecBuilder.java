package org.csrafiji.core;

import java.nio.file.Path;
import java.util.List;

/**
 * Builds a {@link ModelSpec} field by field; used by the command line, where options
 * override a spec read from a file.
 */
public final class ModelSpecBuilder {

	private String name = "model";
	private String description = "";
	private Architecture architecture = new Architecture.ResNet(101);
	private HeadKind head = HeadKind.CSRA;
	private int heads = 1;
	private List<Temperature> temperatures;
	private double lambda = 0.1;
	private InputSpec input = InputSpec.unitRange(448);
	private ClassLabels classes;
	private Path checkpoint;
	private String weightsUrl;
	private String sha256;
	private String reported;
	private double threshold = 0.5;
	private Boolean trustCode;

	/** A builder with the defaults of the official VOC2007 ResNet-101 model. */
	public ModelSpecBuilder() {}

	ModelSpecBuilder(ModelSpec s) {
		name = s.name();
		description = s.description();
		architecture = s.architecture();
		head = s.head();
		heads = s.heads();
		temperatures = s.temperatures();
		lambda = s.lambda();
		input = s.input();
		classes = s.classes();
		checkpoint = s.checkpoint();
		weightsUrl = s.weightsUrl();
		sha256 = s.sha256();
		reported = s.reported();
		threshold = s.threshold();
	}

	/** @param v name @return this */
	public ModelSpecBuilder name(String v) {
		name = v;
		return this;
	}

	/** @param v description @return this */
	public ModelSpecBuilder description(String v) {
		description = v;
		return this;
	}

	/**
	 * @param v an architecture name, e.g. resnet101 or vit_b16 (see {@link Architecture#parse})
	 * @return this
	 */
	public ModelSpecBuilder architecture(String v) {
		architecture = Architecture.parse(v);
		return this;
	}

	/** @param v the backbone @return this */
	public ModelSpecBuilder architecture(Architecture v) {
		architecture = v;
		return this;
	}

	/** @param v head kind @return this */
	public ModelSpecBuilder head(HeadKind v) {
		head = v;
		return this;
	}

	/**
	 * Sets the head count and resets the temperatures to that count's defaults.
	 *
	 * @param v heads
	 * @return this
	 */
	public ModelSpecBuilder heads(int v) {
		if (v != heads) {
			temperatures = null;
		}
		heads = v;
		return this;
	}

	/** @param v temperatures, null for the defaults @return this */
	public ModelSpecBuilder temperatures(List<Temperature> v) {
		temperatures = v;
		return this;
	}

	/** @param v lambda @return this */
	public ModelSpecBuilder lambda(double v) {
		lambda = v;
		return this;
	}

	/** @param v input spec @return this */
	public ModelSpecBuilder input(InputSpec v) {
		input = v;
		return this;
	}

	/**
	 * Changes only the input size, keeping mean and std.
	 *
	 * @param size input side
	 * @return this
	 */
	public ModelSpecBuilder size(int size) {
		input = new InputSpec(size, input.mean(), input.std(), input.channels(), input
			.percentiles());
		return this;
	}

	/** @param v classes (null: generic names from the checkpoint) @return this */
	public ModelSpecBuilder classes(ClassLabels v) {
		classes = v;
		return this;
	}

	/** @param v checkpoint file @return this */
	public ModelSpecBuilder checkpoint(Path v) {
		checkpoint = v;
		return this;
	}

	/** @param v download address @return this */
	public ModelSpecBuilder weightsUrl(String v) {
		weightsUrl = v;
		return this;
	}

	/** @param v SHA-256 (or a prefix of it) of the published weights @return this */
	public ModelSpecBuilder sha256(String v) {
		sha256 = v;
		return this;
	}

	/** @param v reported result @return this */
	public ModelSpecBuilder reported(String v) {
		reported = v;
		return this;
	}

	/** @param v threshold @return this */
	public ModelSpecBuilder threshold(double v) {
		threshold = v;
		return this;
	}

	/**
	 * @param v whether the user trusts the code the model carries (a TorchScript backbone);
	 *        applied to a TorchScript architecture when the spec is built, whichever was set
	 *        first; ignored for other backbones, which carry no code
	 * @return this
	 */
	public ModelSpecBuilder trustCode(boolean v) {
		trustCode = v;
		return this;
	}

	/** @return the input spec set so far */
	public InputSpec input() {
		return input;
	}

	/** @return the classes set so far, or null */
	public ClassLabels classes() {
		return classes;
	}

	/**
	 * @param classCount the class count to use for generic names when none were set
	 * @return the spec
	 */
	public ModelSpec build(int classCount) {
		ClassLabels c = classes != null ? classes : ClassLabels.generic(classCount);
		Architecture a = architecture instanceof Architecture.TorchScript t && trustCode != null
			? t.withTrust(trustCode)
			: architecture;
		return new ModelSpec(name, description, a, head, heads, temperatures, lambda, input, c,
			checkpoint, weightsUrl, sha256, reported, threshold);
	}
}
