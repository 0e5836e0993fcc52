package org.csrafiji.image;

/** Base of the row sources that read a {@link Crop} of whole-image pixel arrays. */
abstract class CroppedRows {

	/** The part of the image read. */
	final Crop crop;

	CroppedRows(Crop crop) {
		this.crop = crop;
	}

	/** @return samples per row: the crop's width */
	public final int width() {
		return crop.width();
	}

	/** @return rows: the crop's height */
	public final int height() {
		return crop.height();
	}
}
