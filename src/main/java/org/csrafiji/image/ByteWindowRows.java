package org.csrafiji.image;

/**
 * Rows of 8-bit grey planes inside a crop, mapped to [0, 1] through one
 * {@link IntensityWindow} per plane (percentile normalisation of 8-bit data), by a 256-entry
 * table.
 */
final class ByteWindowRows extends CroppedRows implements FloatRows {

	private final byte[][] planes;
	private final float[][] tables;

	/**
	 * @param planes whole-image pixel arrays, one per plane
	 * @param windows the intensity window of each plane
	 * @param crop the part read
	 */
	ByteWindowRows(byte[][] planes, IntensityWindow[] windows, Crop crop) {
		super(crop);
		this.planes = planes.clone();
		tables = new float[planes.length][256];
		for (int p = 0; p < planes.length; p++) {
			float low = windows[p].offset();
			float scale = windows[p].scale();
			for (int v = 0; v < 256; v++) {
				tables[p][v] = IntensityWindow.clamp((v - low) * scale);
			}
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
			byte[] src = planes[p];
			float[] table = tables[p];
			float[] out = dst[p];
			for (int x = 0; x < width; x++) {
				out[x] = table[src[offset + x] & 0xff];
			}
		}
	}
}
