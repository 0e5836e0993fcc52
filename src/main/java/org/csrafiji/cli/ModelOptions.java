package org.csrafiji.cli;

import org.csrafiji.app.ModelRequest;
import org.csrafiji.app.ModelResolver;
import org.csrafiji.bench.RandomCheckpoint;
import org.csrafiji.core.Architecture;
import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.HeadKind;
import org.csrafiji.core.InputSpec;
import org.csrafiji.core.ModelSpecBuilder;
import org.csrafiji.core.ModelSpecException;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.DeviceChoice;

import java.nio.file.Path;
import java.util.Set;

/**
 * The model options shared by subcommands: --model SPEC.json, then --checkpoint, --arch,
 * --head, --heads, --lambda, --size, --classes, --threshold, --device overriding it. Without
 * a spec, heads, head kind and class count come from the checkpoint itself.
 */
final class ModelOptions {

	/** Options that take a value. */
	static final Set<String> KEYS = Set.of("model", "checkpoint", "arch", "head", "heads",
		"lambda", "size", "classes", "threshold", "device", "backbone", "mean", "std");

	/**
	 * The switch consenting to run a TorchScript backbone's code, like the spec field
	 * "trust_code": true.
	 */
	static final String TRUST = "trust-torchscript";

	/** Model options without a value. */
	static final Set<String> FLAGS = Set.of(TRUST);

	private ModelOptions() {}

	/**
	 * @param o parsed options
	 * @param log where loading is reported
	 * @return the loaded model
	 */
	static CsraModel load(Options o, java.io.PrintStream log) {
		return ModelResolver.load(request(o), new ConsoleProgress(log, "csra", false,
			System::nanoTime));
	}

	/**
	 * @param o parsed options
	 * @return the model they ask for: {@code --model} and {@code --checkpoint}, the other model
	 *         options overriding the spec and what a bare checkpoint says of itself
	 */
	static ModelRequest request(Options o) {
		Path spec = o.has("model") ? Path.of(o.get("model", null)) : null;
		Path checkpoint = o.has("checkpoint") ? Path.of(o.get("checkpoint", null)) : null;
		if (spec == null && checkpoint == null) {
			throw new ModelSpecException(
				"No model given; pass --model SPEC.json or --checkpoint FILE.");
		}
		return new ModelRequest(spec, checkpoint, b -> overrides(o, b), DeviceChoice.parse(o.get(
			"device", "auto")), "java -jar csra.jar download --model " + o.get("model", null));
	}

	private static void overrides(Options o, ModelSpecBuilder b) {
		if (o.has("backbone")) {
			String arch = o.get("arch", Architecture.TorchScript.NAME);
			if (!Architecture.TorchScript.NAME.equalsIgnoreCase(arch)) {
				throw new ModelSpecException(
					"--backbone FILE.pt goes with --arch torchscript, not --arch "
						+ arch + ".");
			}
			b.architecture(new Architecture.TorchScript(Path.of(o.get("backbone", null)), false));
		}
		else if (o.has("arch")) {
			b.architecture(o.get("arch", null));
			if (!o.has("model")
				&& Architecture.parse(o.get("arch", null)) instanceof Architecture.ViT)
			{
				b.input(vitInput(o.integer("size", VIT_SIZE))); // the official ViT preprocessing
			}
		}
		if (o.has(TRUST)) {
			b.trustCode(true);
		}
		if (o.has("head")) {
			b.head(HeadKind.parse(o.get("head", null)));
		}
		if (o.has("heads")) {
			b.heads(o.integer("heads", 1));
		}
		if (o.has("lambda")) {
			b.lambda(o.number("lambda", 0.1));
		}
		if (o.has("size")) {
			b.size(o.integer("size", 448));
		}
		if (o.has("mean") || o.has("std")) {
			InputSpec in = b.input();
			b.input(new InputSpec(in.size(), o.has("mean") ? triple(o, "mean") : in.mean(), o.has(
				"std") ? triple(o, "std") : in.std(), in.channels(), in.percentiles()));
		}
		if (o.has("classes")) {
			b.classes(ClassLabels.parse(o.get("classes", null)));
		}
		if (o.has("threshold")) {
			b.threshold(o.number("threshold", 0.5));
		}
	}

	/**
	 * Prints the one warning for a GPU (or local libtorch) asked for and not used, if any.
	 *
	 * @param log standard error
	 */
	static void warnIfNativesDiffer(java.io.PrintStream log) {
		ModelResolver
			.warnIfNativesDiffer(new ConsoleProgress(log, "csra", false, System::nanoTime));
	}

	/** Three comma-separated numbers, e.g. --mean 0.485,0.456,0.406. */
	private static double[] triple(Options o, String key) {
		String[] parts = o.get(key, "").split(",");
		if (parts.length != 3) {
			throw new ModelSpecException("--" + key + " needs three numbers for R, G, B, e.g. --"
				+ key + " 0.485,0.456,0.406; got '" + o.get(key, "") + "'.");
		}
		double[] v = new double[3];
		for (int i = 0; i < 3; i++) {
			try {
				v[i] = Double.parseDouble(parts[i].strip());
			}
			catch (NumberFormatException e) {
				throw new ModelSpecException("--" + key + ": '" + parts[i] + "' is not a number.");
			}
		}
		return v;
	}

	/**
	 * @param o parsed options
	 * @return a spec for random weights (bench)
	 */
	static ModelSpec randomSpec(Options o) {
		int classes = o.integer("classes", 20);
		if (classes < 1) {
			throw new ModelSpecException("--classes must be at least 1.");
		}
		String arch = o.get("arch", "resnet101");
		InputSpec input = Architecture.parse(arch) instanceof Architecture.ViT
			? vitInput(o.integer("size", VIT_SIZE))
			: InputSpec.unitRange(o.integer("size", 448));
		return RandomCheckpoint.spec(arch, input, classes, o.integer("heads", 1), o.number(
			"lambda", 0.1));
	}

	/** The official ViT input side. */
	static final int VIT_SIZE = 224;

	/**
	 * @param size input side
	 * @return the official ViT preprocessing: (x - 0.5) / 0.5 per channel
	 */
	static InputSpec vitInput(int size) {
		double[] half = {0.5, 0.5, 0.5};
		return new InputSpec(size, half, half);
	}
}
