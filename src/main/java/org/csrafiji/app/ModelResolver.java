package org.csrafiji.app;

import java.nio.file.Path;

import org.csrafiji.app.download.WeightsAdvice;
import org.csrafiji.checkpoint.NormalizedCheckpoint;
import org.csrafiji.core.HeadKind;
import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.ModelSpecBuilder;
import org.csrafiji.core.ModelSpecException;
import org.csrafiji.core.ModelSpecs;
import org.csrafiji.model.CheckpointShape;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.DeviceChoice;
import org.csrafiji.runtime.Engines;
import org.csrafiji.runtime.EngineStart;
import org.csrafiji.runtime.ModelLoader;

/**
 * Turns a {@link ModelRequest} into a model, the same way for every front end: a spec is read
 * (its missing weights refused with the front end's download advice); a bare checkpoint is named
 * after its file and says itself what it holds - head kind, head count, class count (generic
 * names) and ResNet depth; the request's overrides are applied last, so what the user set wins.
 */
public final class ModelResolver {

	/**
	 * A model's description and weights, read but not yet on a device.
	 *
	 * @param spec the full description
	 * @param checkpoint its weights, normalised
	 */
	public record Resolved(ModelSpec spec, NormalizedCheckpoint checkpoint) {

		/**
		 * @return e.g. {@code model voc (resnet101, 1 head(s), T=[1.0], lambda 0.1, 20 classes,
		 *         input 448) from voc.pth [official layout]}
		 */
		public String describe() {
			return "model " + spec.name() + " (" + spec.architecture() + ", " + (spec
				.head() == HeadKind.CSRA
					? spec.heads() + " head(s), T=" + spec.temperatures()
					: "training-free")
				+ ", lambda " + spec.lambda() + ", " + spec.classes().size()
				+ " classes, input " + spec.input().size() + ") from "
				+ checkpoint.weights().source()
				+ " [" + checkpoint.layout() + " layout]";
		}
	}

	private ModelResolver() {}

	/**
	 * @param request the model asked for
	 * @return its description and weights
	 * @throws ModelSpecException when the spec cannot be read or its weights are missing
	 * @throws org.csrafiji.core.CheckpointException when the checkpoint cannot be read
	 */
	public static Resolved resolve(ModelRequest request) {
		ModelSpec read = request.spec() != null ? ModelSpecs.read(request.spec()) : null;
		if (read != null && request.checkpoint() == null && WeightsAdvice.missing(read)) {
			throw new ModelSpecException(
				WeightsAdvice.missingWeights(read, request.downloadAdvice()));
		}
		ModelSpecBuilder b = read != null
			? read.toBuilder()
			: new ModelSpecBuilder().name(stem(request
				.checkpoint()));
		if (request.checkpoint() != null) {
			b.checkpoint(request.checkpoint());
		}
		request.overrides().accept(b);
		NormalizedCheckpoint ckpt = ModelLoader.read(b.build(1));
		if (read == null) {
			// Without a spec the checkpoint says what it holds; what the user set still wins.
			b.head(ckpt.isCsra() ? HeadKind.CSRA : HeadKind.TRAINING_FREE);
			if (ckpt.isCsra()) {
				b.heads(ckpt.heads());
			}
			CheckpointShape shape = CheckpointShape.of(ckpt.weights());
			if (shape != null && shape.depth() > 0) {
				b.architecture("resnet" + shape.depth());
			}
			request.overrides().accept(b);
		}
		return new Resolved(b.build(ckpt.classes()), ckpt);
	}

	/**
	 * @param request the model asked for
	 * @return the model, loaded on the requested device
	 */
	public static CsraModel load(ModelRequest request) {
		Resolved r = resolveWhileEngineStarts(request);
		return ModelLoader.load(r.spec(), r.checkpoint(), request.device());
	}

	/**
	 * Loads the model and tells what was loaded, the loader's notes and warnings, the device it
	 * runs on, and a GPU (or local libtorch) asked for and not used.
	 *
	 * @param request the model asked for
	 * @param progress where the report goes
	 * @return the model
	 */
	public static CsraModel load(ModelRequest request, Progress progress) {
		Resolved r = resolveWhileEngineStarts(request);
		progress.info(r.describe());
		CsraModel model = ModelLoader.load(r.spec(), r.checkpoint(), request.device());
		model.notes().forEach(n -> progress.info("note: " + n));
		model.warnings().forEach(progress::warn);
		progress
			.info("running on " + DeviceChoice.describe(model.device()) + " (" + Engines.describe()
				+ ")");
		warnIfNativesDiffer(progress);
		return model;
	}

	/**
	 * Reads the spec and checkpoint while the engine starts on another thread: the two take
	 * about the same time and need different resources (the file and Java, the natives).
	 */
	private static Resolved resolveWhileEngineStarts(ModelRequest request) {
		EngineStart engine = Engines.startInBackground();
		Resolved r = resolve(request);
		engine.await();
		return r;
	}

	/** @param progress told the one warning for a GPU (or local libtorch) asked for and not used */
	public static void warnIfNativesDiffer(Progress progress) {
		Engines.natives().warning().ifPresent(progress::warn);
	}

	private static String stem(Path file) {
		String n = file.getFileName().toString();
		int dot = n.lastIndexOf('.');
		return dot > 0 ? n.substring(0, dot) : n;
	}
}
