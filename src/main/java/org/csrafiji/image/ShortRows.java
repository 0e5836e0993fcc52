package org.csrafiji.image;

/**
 * Rows of 16-bit planes (ImageJ's unsigned {@code short[]} pixels) inside a crop, mapped
 * to [0, 1] through one {@link IntensityWindow} per plane. The map is tabulated once for
 * all 65536 values, so the per-pixel work is one table look-up (it cannot be vectorised on
 * Java 17, where widening loads are scalar, and a look-up is as fast as the arithmetic
 * without the clamp).
 */
final class ShortRows extends CroppedRows implements FloatRows {

	private final short[][] planes;
	private final float[][] tables;

	/**
	 * @param planes whole-image pixel arrays, one per plane
	 * @param windows the intensity window of each plane
	 * @param crop the part read
	 */
	ShortRows(short[][] planes, IntensityWindow[] windows, Crop crop) {
		super(crop);
		this.planes = planes.clone();
		tables = new float[planes.length][];
		for (int p = 0; p < planes.length; p++) {
			tables[p] = table(windows[p]);
		}
	}

	@Override
	public int planes() {
		return planes.length;
	}

	@Override
	public void read(int y, float[][] dst) {
		int offset = crop.offset(y);
		int width = width();
		for (int p = 0; p < planes.length; p++) {
			short[] src = planes[p];
			float[] table = tables[p];
			float[] out = dst[p];
			for (int x = 0; x < width; x++) {
				out[x] = table[src[offset + x] & 0xffff];
			}
		}
	}

	private static float[] table(IntensityWindow window) {
		float low = window.offset();
		float scale = window.scale();
		float[] table = new float[65536];
		for (int v = 0; v < table.length; v++) {
			table[v] = IntensityWindow.clamp((v - low) * scale);
		}
		return table;
	}
}
