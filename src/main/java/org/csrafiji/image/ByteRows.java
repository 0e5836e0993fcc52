package org.csrafiji.image;

/** Rows of 8-bit planes (ImageJ's {@code byte[]} pixels) inside a crop, as 0..255. */
final class ByteRows extends CroppedRows implements Uint8Rows {

	private final byte[][] planes;

	/**
	 * @param planes whole-image pixel arrays, one per plane, all of the crop's image size
	 * @param crop the part read
	 */
	ByteRows(byte[][] planes, Crop crop) {
		super(crop);
		this.planes = planes.clone();
	}

	@Override
	public int planes() {
		return planes.length;
	}

	@Override
	public void read(int y, int[][] dst) {
		int offset = crop.offset(y);
		int width = width();
		for (int p = 0; p < planes.length; p++) {
			byte[] src = planes[p];
			int[] out = dst[p];
			for (int x = 0; x < width; x++) {
				out[x] = src[offset + x] & 0xff;
			}
		}
	}
}
