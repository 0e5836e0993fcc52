package org.csrafiji.cli;

import org.csrafiji.app.slide.SlideReport;
import org.csrafiji.app.tiles.TileSettings;
import org.csrafiji.core.CsraException;
import org.csrafiji.core.ModelSpecs;
import org.csrafiji.image.ObjectCrop;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.DeviceChoice;
import org.csrafiji.runtime.ModelLoader;
import org.csrafiji.train.synthetic.SceneGenerator;
import org.csrafiji.train.synthetic.SyntheticSlide;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code slide-report}: builds a synthetic slide of held-out demo scenes at the model's native
 * scale (16 x 16 scenes: 4096 x 4096 pixels with the demo model), tiles it and classifies
 * every object's own ROI, and prints tile-level mAP and per-object accuracy against the
 * floors (95 % each); exit status 3 when a floor is missed.
 */
final class SlideReportCli {

	static final String USAGE = "usage: slide-report [--model models/demo/demo.json]"
		+ " [--scenes 16] [--overlap 64] [--margin 1] [--batch 16] [--seed 20240]"
		+ " [--with-neighbours]"
		+ " [--device cpu|gpu]";

	private static final double FLOOR = 0.95;

	private SlideReportCli() {}

	static int run(List<String> args, PrintStream out, PrintStream err) {
		Options o = new Options(args, Set.of("model", "scenes", "overlap", "margin", "batch",
			"seed", "device"), Set.of("with-neighbours"));
		Path specFile = Path.of(o.get("model", "models/demo/demo.json"));
		int scenes = o.integer("scenes", 16);
		int seed = o.integer("seed", DemoCli.REPORT_SEED);
		if (scenes < 1 || scenes > 64) {
			throw new CsraException("--scenes must lie between 1 and 64 (scenes across and down); "
				+ USAGE);
		}
		try (CsraModel model = ModelLoader.load(ModelSpecs.read(specFile), DeviceChoice.parse(o
			.get("device", "cpu"))))
		{
			int size = model.spec().input().size();
			SyntheticSlide slide = SyntheticSlide.of(new SceneGenerator(size, seed), scenes,
				scenes);
			TileSettings tiles = new TileSettings(size, o.integer("overlap", 64), o.integer("batch",
				16), 0);
			ObjectCrop crop = new ObjectCrop(o.number("margin", 1.0), 0);
			SlideReport.Result r = SlideReport.run(model, slide, tiles, crop, !o.has(
				"with-neighbours"),
				org.csrafiji.app.tiles.Progress.NONE);
			boolean tilesOk = r.tileMap() >= FLOOR;
			boolean objectsOk = r.objectAccuracy() >= FLOOR;
			out.println(String.format(Locale.ROOT, "demo model %s on a %d x %d synthetic slide"
				+ " (%d x %d held-out scenes, seed %d, native scale)", specFile, scenes * size,
				scenes
					* size,
				scenes, scenes, seed));
			out.println(String.format(Locale.ROOT, "tile mAP        %6.2f %%  (%d tiles of %d px,"
				+ " overlap %d; %.1f s; floor 95 %%) %s", 100 * r.tileMap(), r.tiles(), size,
				tiles
					.overlap(),
				r.tileSeconds(), tilesOk ? "ok" : "BELOW FLOOR"));
			out.println(String.format(Locale.ROOT,
				"object accuracy %6.2f %%  (%d of %d objects' own"
					+ " ROIs, margin %s; %.1f s; floor 95 %%) %s",
				100 * r.objectAccuracy(), r
					.objectHits(),
				r.objects(), o.get("margin", "1"), r.objectSeconds(), objectsOk
					? "ok"
					: "BELOW FLOOR"));
			return tilesOk && objectsOk ? 0 : 3;
		}
	}
}
