package org.csrafiji.runtime;

import ai.djl.ndarray.NDManager;

import org.csrafiji.checkpoint.Checkpoints;
import org.csrafiji.checkpoint.KeyLayouts;
import org.csrafiji.checkpoint.NormalizedCheckpoint;
import org.csrafiji.core.CheckpointException;
import org.csrafiji.core.HeadKind;
import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.ModelSpecException;
import org.csrafiji.core.ModelSpecs;
import org.csrafiji.model.CheckpointShape;
import org.csrafiji.model.CsraNetwork;
import org.csrafiji.model.NetworkFactory;
import org.csrafiji.model.Backbone;
import org.csrafiji.model.ResNetConfig;
import org.csrafiji.model.TorchScriptBackbone;
import org.csrafiji.model.ViTConfig;
import org.csrafiji.model.VisionTransformer;
import org.csrafiji.model.WeightLoader;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns a spec and its checkpoint into a ready {@link CsraModel}: reads the file, maps its key
 * layout (official, mmpretrain, DataParallel, torchvision) onto the official names, checks
 * that architecture, head, heads and class count agree with the spec, and loads the weights
 * on the chosen device.
 */
public final class ModelLoader {

	private ModelLoader() {}

	/**
	 * @param spec the model; its checkpoint must exist
	 * @param choice device request
	 * @return the model
	 */
	public static CsraModel load(ModelSpec spec, DeviceChoice choice) {
		return load(spec, read(spec), choice);
	}

	/**
	 * Reads and normalises the spec's checkpoint.
	 *
	 * @param spec a spec naming a checkpoint
	 * @return the checkpoint in official names
	 */
	public static NormalizedCheckpoint read(ModelSpec spec) {
		Path file = spec.checkpointFile().orElseThrow(() -> new ModelSpecException("Model '"
			+ spec.name() + "' names no checkpoint file" + where(spec)
			+ " Add \"checkpoint\" to the spec, or give the file directly (--checkpoint FILE)."));
		if (!Files.isRegularFile(file)) {
			throw new ModelSpecException("The weights of model '" + spec.name()
				+ "' are not at " + file + "." + where(spec) + " Save the file there, or give its"
				+ " location (--checkpoint FILE on the command line).");
		}
		return KeyLayouts.normalize(Checkpoints.read(file));
	}

	/**
	 * @param spec the model
	 * @param checkpoint its weights, normalised
	 * @param choice device request
	 * @return the model
	 */
	public static CsraModel load(ModelSpec spec, NormalizedCheckpoint checkpoint,
		DeviceChoice choice)
	{
		checkAgreement(spec, checkpoint);
		CheckpointShape shape = CheckpointShape.of(checkpoint.weights());
		int depth = ResNetConfig.depthOf(spec.architecture());
		if (shape != null && depth > 0 && shape.depth() > 0 && shape.depth() != depth) {
			throw new CheckpointException("Checkpoint '" + checkpoint.weights().source()
				+ "' holds a resnet" + shape.depth() + " but the model asks for "
				+ spec.architecture() + "; choose architecture resnet" + shape.depth()
				+ " (--arch) or the checkpoint made for " + spec.architecture() + ".");
		}
		int base = shape == null ? 64 : shape.baseWidth();
		return Engines.withProjectClassLoader(() -> {
			Engines.inferenceThread();
			NDManager m = NDManager.newBaseManager(choice.resolve());
			try {
				CsraNetwork net = network(spec, checkpoint, m, base);
				String what = spec.architecture() + " with " + (spec.head() == HeadKind.CSRA
					? spec.heads() + " CSRA head(s)" : "a training-free head") + " for "
					+ spec.classes().size() + " classes";
				return new CsraModel(spec, net, m, WeightLoader.load(net, checkpoint.weights(), m,
					what));
			}
			catch (RuntimeException e) {
				m.close();
				throw e;
			}
		});
	}

	/** ResNets are built from the spec; a ViT's shape and a TorchScript module need more. */
	private static CsraNetwork network(ModelSpec spec, NormalizedCheckpoint checkpoint,
		NDManager m, int base)
	{
		String arch = spec.architecture();
		int size = spec.input().size();
		Backbone backbone;
		if (ViTConfig.isViT(arch)) {
			backbone = new VisionTransformer(ViTConfig.forCheckpoint(arch, checkpoint.weights()),
				size);
		}
		else if (TorchScriptBackbone.isTorchScript(arch)) {
			Path file = TorchScriptBackbone.file(arch);
			if (!spec.trustCode()) {
				throw new ModelSpecException("Model '" + spec.name() + "' has a TorchScript backbone, "
					+ file.getFileName() + ", which is a program: loading it runs its code with your"
					+ " permissions (it could read or change your files, or never finish). Load it only"
					+ " if you trust where it came from: add \"" + ModelSpecs.TRUST_CODE + "\": true"
					+ " to the model spec, or pass --trust-torchscript on the command line.");
			}
			backbone = TorchScriptBackbone.load(file, m, size);
		}
		else {
			return NetworkFactory.forSpec(spec, spec.classes().size(), base);
		}
		if (backbone.featureWidth() != checkpoint.featureWidth()) {
			throw new CheckpointException("The " + (spec.head() == HeadKind.CSRA ? "CSRA head"
				: "classifier") + " in checkpoint '" + checkpoint.weights().source() + "' reads "
				+ checkpoint.featureWidth() + " features per location but the backbone ("
				+ arch + ") gives feature maps " + backbone.featureWidth() + " wide; the head was"
				+ " trained on another backbone: choose the head made for this one.");
		}
		return NetworkFactory.withBackbone(spec, spec.classes().size(), backbone);
	}

	private static void checkAgreement(ModelSpec spec, NormalizedCheckpoint c) {
		String src = c.weights().source();
		if (spec.head() == HeadKind.CSRA && c.heads() == 0) {
			throw new CheckpointException("Checkpoint '" + src + "' has no CSRA head"
				+ (c.weights().contains("fc.weight") ? " but an ordinary classifier (fc); use it"
					+ " with the training-free head (--head training-free)" : "") + ".");
		}
		if (spec.head() == HeadKind.TRAINING_FREE && !c.weights().contains("fc.weight")) {
			throw new CheckpointException("The training-free head needs a classifier (fc.weight,"
				+ " fc.bias) but checkpoint '" + src + "' has " + (c.heads() > 0 ? c.heads()
					+ " CSRA head(s); use the CSRA head (--head csra)" : "none") + ".");
		}
		if (spec.head() == HeadKind.CSRA && c.heads() != spec.heads()) {
			throw new CheckpointException("Checkpoint '" + src + "' has " + c.heads()
				+ " CSRA head(s) but the model asks for " + spec.heads() + "; set the heads to "
				+ c.heads() + " (--heads on the command line) or use the spec made for this checkpoint.");
		}
		if (c.classes() != spec.classes().size()) {
			throw new CheckpointException("Checkpoint '" + src + "' has " + c.classes()
				+ " classes but the model lists " + spec.classes().size() + " class names; choose"
				+ " the spec made for this checkpoint, or give a class list with " + c.classes()
				+ " names (--classes on the command line).");
		}
	}

	private static String where(ModelSpec spec) {
		return spec.weightsUrl() == null ? "" : " The published weights are at "
			+ spec.weightsUrl() + ".";
	}
}
