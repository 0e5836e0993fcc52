package org.csrafiji.model;

import ai.djl.ndarray.NDManager;

import org.csrafiji.checkpoint.NormalizedCheckpoint;
import org.csrafiji.core.Architecture;
import org.csrafiji.core.CheckpointException;
import org.csrafiji.core.HeadKind;
import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.ModelSpecException;
import org.csrafiji.core.ModelSpecs;
import org.csrafiji.core.Setting;

/**
 * Builds the network a spec describes: the backbone its {@link Architecture} names and the
 * head it asks for. The one place that turns a backbone description into a network, with
 * random weights ({@link #forSpec}) or shaped by a checkpoint ({@link #forCheckpoint}).
 */
public final class NetworkFactory {

	private NetworkFactory() {}

	/**
	 * A network with random weights, for training from scratch and for benchmarks.
	 *
	 * @param spec the model spec
	 * @param classes number of classes of the head
	 * @param baseWidth ResNet stem width (64 for torchvision; read from a checkpoint's
	 *          conv1.weight for narrower networks)
	 * @return the network, parameters not yet set
	 * @throws ModelSpecException for a TorchScript backbone (its weights live in its file) or a
	 *         ViT whose shape only a checkpoint gives
	 */
	public static CsraNetwork forSpec(ModelSpec spec, int classes, int baseWidth) {
		Architecture a = spec.architecture();
		int size = spec.input().size();
		Backbone backbone;
		if (a instanceof Architecture.ResNet r) {
			backbone = new ResNetBackbone(ResNetConfig.of(r.depth(), baseWidth));
		}
		else if (a instanceof Architecture.ViT v) {
			backbone = new VisionTransformer(ViTConfig.forInput(v, size), size);
		}
		else {
			throw new ModelSpecException("A TorchScript backbone is read from its file when the"
				+ " model is loaded; it cannot be built with random weights.", Setting.ARCHITECTURE,
				a.name(), ((Architecture.TorchScript) a).file());
		}
		return withBackbone(spec, classes, backbone);
	}

	/**
	 * The network a checkpoint's weights fit: a ResNet with the checkpoint's stem width, a ViT
	 * with its shape, or the spec's TorchScript module (loaded onto the manager's device, only
	 * with the user's consent). Checks that the checkpoint holds the backbone the spec names.
	 *
	 * @param spec the model spec; its class count sizes the head
	 * @param checkpoint the weights, in official names
	 * @param manager owner of a TorchScript module (the model's manager)
	 * @return the network, parameters not yet set
	 */
	public static CsraNetwork forCheckpoint(ModelSpec spec, NormalizedCheckpoint checkpoint,
		NDManager manager)
	{
		Architecture a = spec.architecture();
		int size = spec.input().size();
		int classes = spec.classes().size();
		if (a instanceof Architecture.ResNet r) {
			CheckpointShape shape = CheckpointShape.of(checkpoint.weights());
			if (shape != null && shape.depth() > 0 && shape.depth() != r.depth()) {
				throw new CheckpointException("Checkpoint '" + checkpoint.weights().source()
					+ "' holds a resnet" + shape.depth() + " but the model asks for " + a.name()
					+ "; choose architecture resnet" + shape.depth()
					+ " or the checkpoint made for "
					+ a.name() + ".", Setting.ARCHITECTURE, a.name(), spec.checkpoint());
			}
			return forSpec(spec, classes, shape == null ? 64 : shape.baseWidth());
		}
		Backbone backbone;
		if (a instanceof Architecture.ViT v) {
			backbone = new VisionTransformer(ViTConfig.forCheckpoint(v, checkpoint.weights()),
				size);
		}
		else {
			Architecture.TorchScript t = (Architecture.TorchScript) a;
			if (!t.trusted()) {
				throw new ModelSpecException("Model '" + spec.name()
					+ "' has a TorchScript backbone, "
					+ t.file().getFileName() + ", which is a program: loading it runs its code with"
					+ " your permissions (it could read or change your files, or never finish). Load"
					+ " it only if you trust where it came from: add \"" + ModelSpecs.TRUST_CODE
					+ "\": true to the model spec.",
					Setting.TRUST_CODE, "false", t.file());
			}
			backbone = TorchScriptBackbone.load(t.file(), manager, size);
		}
		if (backbone.featureWidth() != checkpoint.featureWidth()) {
			throw new CheckpointException("The " + (spec.head() == HeadKind.CSRA
				? "CSRA head"
				: "classifier") + " in checkpoint '" + checkpoint.weights().source() + "' reads "
				+ checkpoint.featureWidth() + " features per location but the backbone ("
				+ a.name() + ") gives feature maps " + backbone.featureWidth()
				+ " wide; the head was"
				+ " trained on another backbone: choose the head made for this one.",
				Setting.CHECKPOINT, null, spec.checkpoint());
		}
		return withBackbone(spec, classes, backbone);
	}

	/**
	 * @param spec the model spec (head kind, heads, lambda)
	 * @param classes number of classes of the head
	 * @param backbone the backbone, already built
	 * @return the network with the spec's head on the backbone
	 */
	private static CsraNetwork withBackbone(ModelSpec spec, int classes, Backbone backbone) {
		ClassificationHead head = spec.head() == HeadKind.CSRA
			? new CsraHead(backbone
				.featureWidth(), classes, spec.temperatures(), spec.lambda())
			: new TrainingFreeHead(
				backbone.featureWidth(), classes, spec.lambda());
		return new CsraNetwork(backbone, head);
	}
}
