package org.csrafiji.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import ij.ImagePlus;

import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.ModelSpecBuilder;
import org.csrafiji.image.ConversionOptions;
import org.csrafiji.image.ImageFiles;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.DeviceChoice;
import org.csrafiji.runtime.Engines;
import org.csrafiji.app.ImageClassifier;
import org.csrafiji.runtime.ModelLoader;

/**
 * The child process of {@code bench} that measures the time to the first result in a new JVM:
 * {@code FirstResult CHECKPOINT.pth IMAGE ARCH SIZE}. Prints one JSON line with the phases in ms:
 * engine start (natives loaded), reading the checkpoint into a ready model, and opening and
 * classifying the one image (the first forward, which also sets up the engine's kernels).
 */
final class FirstResult {

	private FirstResult() {}

	/**
	 * @param args checkpoint, image, architecture, input side
	 */
	public static void main(String[] args) {
		long t = System.nanoTime();
		Engines.pytorch();
		double engine = (System.nanoTime() - t) / 1e6;
		t = System.nanoTime();
		ModelSpec spec = new ModelSpecBuilder().name("first result").architecture(args[2])
			.size(Integer.parseInt(args[3])).checkpoint(Path.of(args[0])).build(20);
		Map<String, Object> r = new LinkedHashMap<>();
		try (CsraModel model = ModelLoader.load(spec, DeviceChoice.parse("cpu"))) {
			double load = (System.nanoTime() - t) / 1e6;
			t = System.nanoTime();
			ImagePlus imp = ImageFiles.open(Path.of(args[1]));
			new ImageClassifier(model, ConversionOptions.defaults()).classify(imp);
			double image = (System.nanoTime() - t) / 1e6;
			r.put("engine_ms", engine);
			r.put("load_ms", load);
			r.put("image_ms", image);
		}
		System.out.println(new com.google.gson.Gson().toJson(r));
	}
}
