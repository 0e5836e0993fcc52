package org.csrafiji.cli;

import ij.ImagePlus;
import ij.io.FileSaver;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.csrafiji.app.tiles.Progress;
import org.csrafiji.app.tiles.TileClassification;
import org.csrafiji.app.tiles.TileImages;
import org.csrafiji.app.tiles.TileResult;
import org.csrafiji.app.tiles.TileSettings;
import org.csrafiji.app.tiles.TileTable;
import org.csrafiji.core.CsraException;
import org.csrafiji.core.OutputFiles;
import org.csrafiji.image.ImageFiles;
import org.csrafiji.image.SlicePosition;
import org.csrafiji.image.TileGrid;
import org.csrafiji.runtime.CsraModel;

/**
 * {@code tiles [model options] [--tile PX | --scale F] [--overlap PX] [--batch N]
 * [--map-step PX] [--channels C] [--percentiles LOW,HIGH] --out DIR IMAGE...}: per image,
 * NAME.tiles.csv (one row per tile), NAME.tile-scores.tif (per-class score map at tile
 * resolution) and, with --map-step, NAME.tile-map.tif (the stitched per-class map). The
 * image's current plane is tiled.
 */
final class TilesCli {

	private TilesCli() {}

	static int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
		Set<String> keys = new HashSet<>(ModelOptions.KEYS);
		keys.addAll(InputOptions.KEYS);
		keys.addAll(Set.of("tile", "scale", "overlap", "batch", "map-step", "out"));
		Options o = new Options(args, keys, ModelOptions.FLAGS);
		if (o.positional().isEmpty() || !o.has("out")) {
			throw new UsageException("tiles needs --out DIR and at least one image; e.g. tiles"
				+ " --model models/demo/demo.json --out tiles slide.tif");
		}
		if (o.has("tile") && o.has("scale")) {
			throw new CsraException("--tile and --scale both set the tile side; give one of them.");
		}
		Path dir = OutputFolder.create("out", o.get("out", null), "the tile tables and maps");
		try (CsraModel model = ModelOptions.load(o, err)) {
			int size = model.spec().input().size();
			int side;
			int overlap;
			TileSettings settings;
			try {
				side = o.has("tile")
					? o.integer("tile", size)
					: TileGrid.sideAtScale(size, o.number(
						"scale", 1));
				overlap = o.integer("overlap", side / 8);
				new TileGrid(side, side, side, overlap);
				settings = new TileSettings(side, overlap, o.integer("batch", 8),
					o.integer("map-step",
						0));
			}
			catch (IllegalArgumentException e) {
				throw new CsraException(e.getMessage(), e);
			}
			TileClassification tiler = new TileClassification(model, InputOptions.of(o));
			for (String f : o.positional()) {
				ImagePlus imp = ImageFiles.open(Path.of(f));
				int[] at = imp.convertIndexToPosition(imp.getCurrentSlice());
				TileResult r = tiler.run(imp, new SlicePosition(at[0], at[1], at[2]), settings,
					Progress.NONE);
				String name = Path.of(f).getFileName().toString().replaceFirst("\\.[^.]*$", "");
				OutputFiles.write(dir.resolve(name + ".tiles.csv"), tmp -> Files.writeString(tmp,
					TileTable.csv(r)));
				tiff(TileImages.scoreMap(r, imp.getCalibration(), name + " tile scores"),
					dir.resolve(
						name + ".tile-scores.tif"));
				if (r.stitched() != null) {
					tiff(TileImages.stitchedMap(r, imp.getCalibration(), name + " tile map"), dir
						.resolve(name + ".tile-map.tif"));
				}
				out.println(f + ": " + r.rows().size() + " tiles of " + side + " px (overlap "
					+ overlap + ") -> " + dir.resolve(name + ".tiles.csv"));
			}
		}
		return 0;
	}

	private static void tiff(ImagePlus imp, Path target) throws IOException {
		OutputFiles.write(target, tmp -> {
			if (!new FileSaver(imp).saveAsTiffStack(tmp.toString())) {
				throw new IOException("ImageJ could not write " + tmp);
			}
		});
	}
}
