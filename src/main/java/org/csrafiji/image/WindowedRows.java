package org.csrafiji.image;

/**
 * Base of the row sources that map raw 16-bit or 32-bit planes onto [0, 1], each plane
 * through its own {@link IntensityWindow}; a subclass supplies the per-type loop.
 */
abstract class WindowedRows extends CroppedRows implements FloatRows {

	private final float[] offsets;
	private final float[] scales;

	/**
	 * @param windows one window per plane
	 * @param crop the part read
	 */
	WindowedRows(IntensityWindow[] windows, Crop crop) {
		super(crop);
		offsets = new float[windows.length];
		scales = new float[windows.length];
		for (int p = 0; p < windows.length; p++) {
			offsets[p] = windows[p].offset();
			scales[p] = scale(windows[p]);
		}
	}

	@Override
	public final int planes() {
		return offsets.length;
	}

	@Override
	public final void read(int y, float[][] dst) {
		int offset = crop.offset(y);
		for (int p = 0; p < offsets.length; p++) {
			readPlane(p, offset, dst[p], offsets[p], scales[p]);
		}
	}

	/** @return the factor a subclass multiplies by: the window's, unless overridden */
	float scale(IntensityWindow window) {
		return window.scale();
	}

	/**
	 * Writes {@code width()} samples of plane {@code plane} from array index {@code offset}:
	 * {@code clamp((raw - low) * scale)}.
	 */
	abstract void readPlane(int plane, int offset, float[] out, float low, float scale);
}
