package org.csrafiji.runtime;

import ai.djl.ndarray.NDManager;

import org.csrafiji.core.Setting;
import org.csrafiji.checkpoint.Checkpoints;
import org.csrafiji.checkpoint.KeyLayouts;
import org.csrafiji.checkpoint.NormalizedCheckpoint;
import org.csrafiji.core.CheckpointException;
import org.csrafiji.core.HeadKind;
import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.ModelSpecException;
import org.csrafiji.model.CsraNetwork;
import org.csrafiji.model.NetworkFactory;
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
			+ spec.name() + "' names no checkpoint file." + where(spec)
			+ " Add \"checkpoint\" to the spec, or give the weights file directly.",
			Setting.CHECKPOINT, null, null));
		if (!Files.isRegularFile(file)) {
			throw new ModelSpecException("The weights of model '" + spec.name()
				+ "' are not at " + file + "." + where(spec) + " Save the file there, or give its"
				+ " location.", Setting.CHECKPOINT, file.toString(), file);
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
		return Engines.withProjectClassLoader(() -> {
			Engines.inferenceThread();
			NDManager m = NDManager.newBaseManager(choice.resolve());
			try {
				CsraNetwork net = NetworkFactory.forCheckpoint(spec, checkpoint, m);
				String what = spec.architecture().name() + " with " + (spec.head() == HeadKind.CSRA
					? spec.heads() + " CSRA head(s)"
					: "a training-free head") + " for "
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

	private static void checkAgreement(ModelSpec spec, NormalizedCheckpoint c) {
		String src = c.weights().source();
		if (spec.head() == HeadKind.CSRA && c.heads() == 0) {
			throw new CheckpointException("Checkpoint '" + src + "' has no CSRA head"
				+ (c.weights().contains("fc.weight")
					? " but an ordinary classifier (fc); use it"
						+ " with the training-free head"
					: "")
				+ ".", Setting.HEAD, spec.head().id(),
				spec.checkpoint());
		}
		if (spec.head() == HeadKind.TRAINING_FREE && !c.weights().contains("fc.weight")) {
			throw new CheckpointException("The training-free head needs a classifier (fc.weight,"
				+ " fc.bias) but checkpoint '" + src + "' has " + (c.heads() > 0
					? c.heads()
						+ " CSRA head(s); use the CSRA head"
					: "none")
				+ ".", Setting.HEAD,
				spec.head()
					.id(),
				spec.checkpoint());
		}
		if (spec.head() == HeadKind.CSRA && c.heads() != spec.heads()) {
			throw new CheckpointException("Checkpoint '" + src + "' has " + c.heads()
				+ " CSRA head(s) but the model asks for " + spec.heads() + "; set the number of"
				+ " heads to " + c.heads() + " or use the spec made for this checkpoint.",
				Setting.HEADS, String.valueOf(spec.heads()), spec.checkpoint());
		}
		if (c.classes() != spec.classes().size()) {
			throw new CheckpointException("Checkpoint '" + src + "' has " + c.classes()
				+ " classes but the model lists " + spec.classes().size() + " class names; choose"
				+ " the spec made for this checkpoint, or give a class list with " + c.classes()
				+ " names.", Setting.CLASSES, String.valueOf(spec.classes().size()),
				spec.checkpoint());
		}
	}

	private static String where(ModelSpec spec) {
		return spec.weightsUrl() == null
			? ""
			: " The published weights are at "
				+ spec.weightsUrl() + ".";
	}
}
