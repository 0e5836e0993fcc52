package org.csrafiji.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.csrafiji.core.CheckpointException;
import org.junit.jupiter.api.Test;

/** Strided views of a storage, against index arithmetic written out by hand. */
class TensorViewTest {

	private static final StorageRef STORAGE = new StorageRef("0", DType.FLOAT32, 24);

	@Test
	void gathersAPermuted3dViewInRowMajorOrder() {
		// a (2, 3, 4) tensor permuted to (4, 2, 3): element [i][j][k] = storage[j*12 + k*4 + i + 0]
		TensorView view = new TensorView(STORAGE, 0, new long[]{4, 2, 3}, new long[]{1, 12, 4});
		float[] expected = new float[24];
		int n = 0;
		for (int i = 0; i < 4; i++) {
			for (int j = 0; j < 2; j++) {
				for (int k = 0; k < 3; k++)
					expected[n++] = j * 12 + k * 4 + i;
			}
		}
		assertArrayEquals(expected, gather(view));
	}

	@Test
	void gathersRowsWithAnOffsetAndAGap() {
		// rows of 3 starting at element 5, every 7 elements: 5 6 7 / 12 13 14
		TensorView view = new TensorView(STORAGE, 5, new long[]{2, 3}, new long[]{7, 1});
		assertArrayEquals(new float[]{5, 6, 7, 12, 13, 14}, gather(view));
		TensorView scalar = new TensorView(STORAGE, 23, new long[0], new long[0]);
		assertArrayEquals(new float[]{23}, gather(scalar));
	}

	@Test
	void onlyAWholeRowMajorViewOwnsTheStorage() {
		assertTrue(
			new TensorView(STORAGE, 0, new long[]{4, 6}, new long[]{6, 1}).coversWholeStorage());
		assertTrue(
			new TensorView(STORAGE, 0, new long[]{24, 1}, new long[]{1, 99}).coversWholeStorage());
		assertFalse(
			new TensorView(STORAGE, 0, new long[]{6, 4}, new long[]{1, 6}).coversWholeStorage());
		assertFalse(new TensorView(STORAGE, 1, new long[]{23}, new long[]{1}).coversWholeStorage());
	}

	@Test
	void rejectsViewsOutsideTheStorageIncludingOverflowingOnes() {
		assertDoesNotThrow(
			() -> new TensorView(STORAGE, 0, new long[]{24}, new long[]{1}).checkBounds("f", "t"));
		long[][][] bad = {
			{{25}, {1}}, // one too many
			{{2, 12}, {13, 1}}, // second row runs past the end
			{{3}, {-1}}, // negative stride
			{{-1}, {1}}, // negative size
			{{Long.MAX_VALUE / 2, 4}, {1, 1}}, // numel overflows
			{{2}, {Long.MAX_VALUE}}, // extent overflows
		};
		for (long[][] b : bad) {
			TensorView view = new TensorView(STORAGE, 0, b[0], b[1]);
			CheckpointException e = assertThrows(CheckpointException.class,
				() -> view.checkBounds("f.pth", "t"));
			assertTrue(e.getMessage().contains("reaches outside its storage"), e.getMessage());
		}
	}

	private static float[] gather(TensorView view) {
		ByteBuffer storage = TensorData.allocate(4 * 24);
		for (int i = 0; i < 24; i++)
			storage.putFloat(4 * i, i);
		ByteBuffer out = view.gather(storage);
		return new TensorData(DType.FLOAT32, view.shape(), out).toFloatArray();
	}
}
