package org.csrafiji.image;

/** Rows of an ImageJ RGB image ({@code int[]} packed 0xRRGGBB) inside a crop, as 3 planes. */
final class RgbRows extends CroppedRows implements Uint8Rows {

	private final int[] pixels;

	/**
	 * @param pixels the whole image's packed pixels
	 * @param crop the part read
	 */
	RgbRows(int[] pixels, Crop crop) {
		super(crop);
		this.pixels = pixels;
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
			int c = pixels[offset + x];
			r[x] = (c >> 16) & 0xff;
			g[x] = (c >> 8) & 0xff;
			b[x] = c & 0xff;
		}
	}
}
