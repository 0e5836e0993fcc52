package org.csrafiji.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Lending and taking back input buffers: reuse, the bound on idle ones, foreign buffers. */
class InputBuffersTest {

	private static FloatBuffer direct(int floats) {
		return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder())
			.asFloatBuffer();
	}

	@Test
	void aBufferGivenBackIsLentAgainClearedAndAtMostKeepAreKept() {
		AtomicInteger made = new AtomicInteger();
		InputBuffers pool = new InputBuffers(() -> {
			made.incrementAndGet();
			return direct(12);
		}, 12, 2);
		FloatBuffer a = pool.take();
		a.put(1f).put(2f);
		pool.give(a);
		FloatBuffer again = pool.take();
		assertSame(a, again);
		assertEquals(0, again.position(), "lent cleared");
		assertEquals(12, again.limit());

		List<FloatBuffer> lent = new ArrayList<>(List.of(again, pool.take(), pool.take()));
		assertEquals(3, made.get(), "three at once need three");
		for (FloatBuffer b : lent) {
			pool.give(b);
		}
		assertEquals(2, pool.idle(), "at most two idle kept; the third is left to the collector");
		assertNotSame(pool.take(), pool.take());
		assertEquals(3, made.get());
	}

	@Test
	void aBufferOfAnotherSizeOrOnTheHeapIsRefused() {
		InputBuffers pool = new InputBuffers(() -> direct(12), 12, 2);
		assertThrows(IllegalArgumentException.class, () -> pool.give(direct(13)));
		assertThrows(IllegalArgumentException.class, () -> pool.give(FloatBuffer.allocate(12)));
		assertEquals(0, pool.idle());
	}
}
