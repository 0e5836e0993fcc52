package org.csrafiji.image;

/** Rows of an indexed-colour plane inside a crop, looked up in its palette as R, G and B. */
final class PaletteRows extends CroppedRows implements Uint8Rows {

	private final byte[] indices;
	private final int[] palette;

	/**
	 * @param indices the whole image's palette indices
	 * @param palette 256 packed 0xRRGGBB entries
	 * @param crop the part read
	 */
	PaletteRows(byte[] indices, int[] palette, Crop crop) {
		super(crop);
		this.indices = indices;
		this.palette = palette.clone();
	}

	@Override
	public int planes() {
		return 3;
	}

	@Override
	public void read(int y, int[][] dst) {
		int offset = crop.offset(y);
		int width = width();
		int[] r = dst[0];
		int[] g = dst[1];
		int[] b = dst[2];
		for (int x = 0; x < width; x++) {
			int c = palette[indices[offset + x] & 0xff];
			r[x] = (c >> 16) & 0xff;
			g[x] = (c >> 8) & 0xff;
			b[x] = c & 0xff;
		}
	}
}
