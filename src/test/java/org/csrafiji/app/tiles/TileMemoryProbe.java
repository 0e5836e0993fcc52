package org.csrafiji.app.tiles;

import ij.ImagePlus;
import ij.process.ByteProcessor;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Locale;

import org.csrafiji.core.ModelSpecs;
import org.csrafiji.image.ConversionOptions;
import org.csrafiji.image.SlicePosition;
import org.csrafiji.image.TileGrid;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.DeviceChoice;
import org.csrafiji.runtime.ModelLoader;

/**
 * Run in its own JVM by {@link TileMemoryTest}: tiles a 20000 x 20000 8-bit image with the
 * demo model (percentiles on, so the whole-plane histogram pass runs too) and prints the
 * peak heap the JVM used, image included, and the bytes the image itself holds.
 */
public final class TileMemoryProbe {

	private TileMemoryProbe() {}

	/** @param args tile scale (e.g. 0.1) */
	public static void main(String[] args) {
		double scale = Double.parseDouble(args[0]);
		int side = 20000;
		byte[] px = new byte[side * side];
		for (int y = 0; y < side; y++) {
			for (int x = 0; x < side; x += 7) {
				px[y * side + x] = (byte) (x ^ y);
			}
		}
		ImagePlus imp = new ImagePlus("big", new ByteProcessor(side, side, px));
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			pool.resetPeakUsage();
		}
		try (CsraModel model = ModelLoader.load(ModelSpecs.read(Path.of("models", "demo",
			"demo.json")), DeviceChoice.CPU))
		{
			int tile = TileGrid.sideAtScale(model.spec().input().size(), scale);
			TileResult r = new TileClassification(model, ConversionOptions.defaults()
				.withPercentiles(org.csrafiji.image.Percentiles.STARDIST))
				.run(imp, new SlicePosition(
					1, 1, 1), new TileSettings(tile, 0, 4, 64), Progress.NONE);
			long peak = 0;
			for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
				if (pool.getType() == MemoryType.HEAP) {
					peak += pool.getPeakUsage().getUsed();
				}
			}
			System.out.println(String.format(Locale.ROOT, "tiles %d complete %b image %d peak %d",
				r.rows().size(), r.complete(), (long) side * side, peak));
		}
	}
}
