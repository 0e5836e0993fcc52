package org.csrafiji.model;

import org.csrafiji.core.HeadKind;
import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.ModelSpecException;

/**
 * Builds the network a spec describes: the backbone named by its architecture and the head
 * it asks for, sized for a class count.
 */
public final class NetworkFactory {

	/** The architectures this version builds. */
	public static final String SUPPORTED = "resnet18, resnet34, resnet50, resnet101, resnet152,"
		+ " vit_b16, vit_l16, vit, torchscript";

	private NetworkFactory() {}

	/**
	 * @param spec the model spec
	 * @param classes number of classes of the head
	 * @param baseWidth ResNet stem width (64 for torchvision; read from a checkpoint's
	 *          conv1.weight for narrower networks)
	 * @return the network, parameters not yet set
	 */
	public static CsraNetwork forSpec(ModelSpec spec, int classes, int baseWidth) {
		String arch = spec.architecture();
		int size = spec.input().size();
		if (TorchScriptBackbone.isTorchScript(arch)) {
			throw new ModelSpecException("A TorchScript backbone is read from its file when the"
				+ " model is loaded; it cannot be built with random weights.");
		}
		return withBackbone(spec, classes, ViTConfig.isViT(arch) ? new VisionTransformer(ViTConfig
			.forInput(arch, size), size) : backbone(arch, baseWidth));
	}

	/**
	 * @param spec the model spec (head kind, heads, lambda)
	 * @param classes number of classes of the head
	 * @param backbone the backbone, already built
	 * @return the network with the spec's head on the backbone
	 */
	public static CsraNetwork withBackbone(ModelSpec spec, int classes, Backbone backbone) {
		ClassificationHead head = spec.head() == HeadKind.CSRA ? new CsraHead(backbone
			.featureWidth(), classes, spec.temperatures(), spec.lambda()) : new TrainingFreeHead(
				backbone.featureWidth(), classes, spec.lambda());
		return new CsraNetwork(backbone, head);
	}

	/**
	 * @param architecture e.g. resnet101
	 * @param baseWidth stem width
	 * @return the backbone
	 */
	public static Backbone backbone(String architecture, int baseWidth) {
		int depth = ResNetConfig.depthOf(architecture);
		if (depth < 0) {
			throw new ModelSpecException("Unknown architecture '" + architecture
				+ "'; this version supports " + SUPPORTED + ".");
		}
		return new ResNetBackbone(ResNetConfig.of(depth, baseWidth));
	}
}
