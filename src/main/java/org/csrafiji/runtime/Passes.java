package org.csrafiji.runtime;

import java.nio.FloatBuffer;

/** Views of some images of a batch buffer, for a pass of their own. */
final class Passes {

	private Passes() {}

	/**
	 * @param batch images from position 0, whatever the buffer's own position and limit
	 * @param from the first image of the view
	 * @param count how many images it holds
	 * @param perImage floats per image
	 * @return a view sharing the buffer's memory (a direct buffer stays direct), position 0
	 */
	static FloatBuffer images(FloatBuffer batch, int from, int count, int perImage) {
		FloatBuffer view = batch.duplicate();
		view.clear();
		view.position(from * perImage).limit((from + count) * perImage);
		return view.slice();
	}
}
