package org.csrafiji.render;

import net.imglib2.RealRandomAccess;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.interpolation.randomaccess.NLinearInterpolatorFactory;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Bilinear upsampling of a feature-grid map onto an image rectangle, with pixel centres
 * aligned as PyTorch's {@code interpolate(mode="bilinear", align_corners=False)} aligns
 * them: output pixel x samples the grid at {@code (x + 0.5) * w / W - 0.5}, clamped at the
 * border. Done with imglib2's n-linear interpolation over a border-extended view.
 */
public final class MapUpsampler {

	private MapUpsampler() {}

	/**
	 * @param map row-major grid values, gridHeight x gridWidth
	 * @param gridWidth grid width
	 * @param gridHeight grid height
	 * @param width output width
	 * @param height output height
	 * @return row-major width x height values
	 */
	public static float[] upsample(float[] map, int gridWidth, int gridHeight, int width,
		int height)
	{
		if (map.length != gridWidth * gridHeight) {
			throw new IllegalArgumentException("map has " + map.length + " values for a "
				+ gridWidth + " x " + gridHeight + " grid");
		}
		ArrayImg<FloatType, FloatArray> img = ArrayImgs.floats(map, gridWidth, gridHeight);
		RealRandomAccess<FloatType> ra = Views.interpolate(Views.extendBorder(img),
			new NLinearInterpolatorFactory<FloatType>()).realRandomAccess();
		float[] out = new float[Math.multiplyExact(width, height)];
		double sx = (double) gridWidth / width;
		double sy = (double) gridHeight / height;
		for (int y = 0; y < height; y++) {
			ra.setPosition(clamp((y + 0.5) * sy - 0.5, gridHeight), 1);
			int row = y * width;
			for (int x = 0; x < width; x++) {
				ra.setPosition(clamp((x + 0.5) * sx - 0.5, gridWidth), 0);
				out[row + x] = ra.get().get();
			}
		}
		return out;
	}

	private static double clamp(double v, int size) {
		return Math.max(0, Math.min(size - 1, v));
	}
}
