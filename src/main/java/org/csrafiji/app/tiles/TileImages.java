package org.csrafiji.app.tiles;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.FloatProcessor;

import java.util.List;

/**
 * The maps of a {@link TileResult} as ImageJ images, one slice per class named after it,
 * calibrated like the tiled image: the score map's pixel spans the tile stride, the stitched
 * map's pixel its step, with the origin at the first tile's or map pixel's centre.
 */
public final class TileImages {

	private TileImages() {}

	/**
	 * @param r the result
	 * @param source the tiled image's calibration
	 * @param title the image title
	 * @return the per-class tile score map, columns x rows
	 */
	public static ImagePlus scoreMap(TileResult r, Calibration source, String title) {
		int cols = r.grid().columns();
		int rows = r.grid().rows();
		double stride = r.grid().size() > 1 && cols > 1 ? r.grid().tile(1).x : r.grid().side();
		double strideY = rows > 1 ? r.grid().tile(cols).y : stride;
		ImagePlus imp = stack(r.classes().names(), r.scoreMaps(), cols, rows, title);
		imp.setCalibration(scaled(source, stride, strideY, r.grid().tile(0).width / 2.0, r.grid()
			.tile(0).height / 2.0));
		return imp;
	}

	/**
	 * @param r the result, with a stitched map
	 * @param source the tiled image's calibration
	 * @param title the image title
	 * @return the per-class stitched map
	 */
	public static ImagePlus stitchedMap(TileResult r, Calibration source, String title) {
		StitchedMap m = r.stitched();
		ImagePlus imp = stack(r.classes().names(), m.maps(), m.width(), m.height(), title);
		imp.setCalibration(scaled(source, m.step(), m.step(), m.step() / 2.0, m.step() / 2.0));
		return imp;
	}

	private static ImagePlus stack(List<String> names, float[][] maps, int w, int h,
		String title)
	{
		ImageStack stack = new ImageStack(w, h);
		for (int c = 0; c < maps.length; c++) {
			stack.addSlice(names.get(c), new FloatProcessor(w, h, maps[c].clone()));
		}
		ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(maps.length, 1, 1);
		return imp;
	}

	private static Calibration scaled(Calibration source, double sx, double sy, double ox,
		double oy)
	{
		Calibration c = source.copy();
		c.pixelWidth = source.pixelWidth * sx;
		c.pixelHeight = source.pixelHeight * sy;
		// ImageJ's origin is in pixels of the new image: where image pixel 0 lies
		c.xOrigin = (source.xOrigin - ox) / sx;
		c.yOrigin = (source.yOrigin - oy) / sy;
		return c;
	}
}
