package org.csrafiji.checkpoint;

import java.nio.ByteBuffer;

import org.csrafiji.core.CheckpointException;

/**
 * A tensor as {@code torch._utils._rebuild_tensor_v2} describes it: a strided view of a
 * storage, not yet read.
 *
 * @param storage the storage viewed
 * @param offset index of the first element in the storage
 * @param shape dimensions
 * @param strides step per dimension, in elements
 */
record TensorView(StorageRef storage, long offset, long[] shape, long[] strides) {

	/**
	 * @return whether this view is the whole storage in row-major order, so that the storage's
	 *         memory can become the tensor's without a copy
	 */
	boolean coversWholeStorage() {
		return offset == 0 && Shapes.numel(shape) == storage.numel()
			&& Shapes.isRowMajor(shape, strides);
	}

	/**
	 * Checks that every element of the view lies inside the storage.
	 *
	 * @param source checkpoint name for the message
	 * @param name tensor name for the message
	 */
	void checkBounds(String source, String name) {
		if (!fitsStorage()) {
			throw new CheckpointException("Checkpoint " + source + " is damaged: tensor '" + name
				+ "' (shape " + Shapes.format(shape) + ", strides " + Shapes.format(strides)
				+ ", offset " + offset + ") reaches outside its storage of " + storage.numel()
				+ " elements. Save the checkpoint again.");
		}
	}

	private boolean fitsStorage() {
		if (offset < 0 || shape.length != strides.length) return false;
		try {
			long numel = Shapes.numel(shape);
			if (numel == 0) return true;
			if (numel > Integer.MAX_VALUE) return false;
			long last = offset;
			for (int i = 0; i < shape.length; i++) {
				if (strides[i] < 0) return false;
				last = Math.addExact(last, Math.multiplyExact(shape[i] - 1, strides[i]));
			}
			return last < storage.numel();
		}
		catch (ArithmeticException | IllegalArgumentException e) {
			return false; // negative or overflowing dimensions
		}
	}

	/**
	 * Copies the viewed elements, in row-major order, into a new buffer.
	 *
	 * @param storageBytes the storage's little-endian bytes
	 * @return the contiguous elements, position 0
	 */
	ByteBuffer gather(ByteBuffer storageBytes) {
		int size = storage.dtype().size();
		long numel = Shapes.numel(shape);
		ByteBuffer out = TensorData.allocate(numel * size);
		if (numel == 0) return out;
		if (shape.length == 0) {
			out.put(0, storageBytes, (int) (offset * size), size);
			return out;
		}
		int inner = shape.length - 1;
		boolean innerContiguous = strides[inner] == 1 || shape[inner] == 1;
		int runLength = (int) (innerContiguous ? shape[inner] * size : size);
		long[] index = new long[shape.length];
		int written = 0;
		while (written < out.capacity()) {
			long element = offset;
			for (int d = 0; d < shape.length; d++)
				element += index[d] * strides[d];
			out.put(written, storageBytes, (int) (element * size), runLength);
			written += runLength;
			// advance the multi-index; the innermost dimension moves by a run
			int d = innerContiguous ? inner - 1 : inner;
			while (d >= 0 && ++index[d] == shape[d]) {
				index[d] = 0;
				d--;
			}
		}
		return out;
	}
}
