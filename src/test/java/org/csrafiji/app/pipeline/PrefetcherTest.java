package org.csrafiji.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Prefetcher} with real threads: results come in input order whatever order the workers
 * finish in, no more than {@code ahead} items are held at once (counted by the work itself, not
 * by the class), work runs while the consumer is busy, a failing item is handed over as that
 * item alone, and close stops and joins every worker even in the middle of an item.
 */
@Timeout(60)
class PrefetcherTest {

	private static List<Integer> range(int n) {
		return IntStream.range(0, n).boxed().toList();
	}

	private static void sleep(long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	@Test
	void resultsComeInInputOrderWhateverOrderWorkersFinish() throws InterruptedException {
		// Later items finish first within each group of four: a result map, not the order of
		// completion, must decide what the consumer sees.
		try (Prefetcher<Integer, String> p = new Prefetcher<>(range(40), i -> {
			sleep(3 - i % 4);
			return "item" + i;
		}, 4, 8, "test-order")) {
			for (int i = 0; i < 40; i++) {
				assertTrue(p.hasNext());
				Prefetcher.Outcome<String> o = p.next();
				assertEquals(i, o.index());
				assertEquals("item" + i, o.get());
			}
			assertFalse(p.hasNext());
			assertThrows(NoSuchElementException.class, p::next);
		}
	}

	@Test
	void neverHoldsMoreThanAheadItems() throws InterruptedException {
		int ahead = 3;
		AtomicInteger started = new AtomicInteger();
		AtomicInteger consumed = new AtomicInteger();
		AtomicInteger peak = new AtomicInteger();
		try (Prefetcher<Integer, Integer> p = new Prefetcher<>(range(60), i -> {
			// Items started and not yet finished with by the consumer, this one included.
			peak.accumulateAndGet(started.incrementAndGet() - consumed.get(), Math::max);
			return i;
		}, 4, ahead, "test-bound")) {
			while (p.hasNext()) {
				p.next().get();
				// A slow consumer: workers would run far ahead without the bound.
				Thread.sleep(2);
				consumed.incrementAndGet();
			}
			// The prefetcher holds at most `ahead`; the consumer holds the one it was handed.
			assertTrue(peak.get() <= ahead + 1, "held at once: " + peak.get());
			assertTrue(peak.get() >= ahead, "the workers did run ahead: " + peak.get());
			assertEquals(ahead, p.peakHeld());
		}
	}

	@Test
	void preparesTheNextItemsWhileTheConsumerIsBusy() throws InterruptedException {
		CountDownLatch prepared = new CountDownLatch(4);
		try (Prefetcher<Integer, Integer> p = new Prefetcher<>(range(10), i -> {
			prepared.countDown();
			return i;
		}, 2, 4, "test-ahead")) {
			// Nothing is taken yet, yet four items are made ready.
			assertTrue(prepared.await(20, TimeUnit.SECONDS));
			assertEquals(0, p.next().get());
		}
	}

	@Test
	void aFailingItemIsHandedOverInItsPlaceAlone() throws InterruptedException {
		IllegalArgumentException boom = new IllegalArgumentException("bad item 3");
		try (Prefetcher<Integer, Integer> p = new Prefetcher<>(range(6), i -> {
			if (i == 3) {
				throw boom;
			}
			return i * 10;
		}, 3, 4, "test-error")) {
			for (int i = 0; i < 6; i++) {
				Prefetcher.Outcome<Integer> o = p.next();
				if (i == 3) {
					assertSame(boom, o.failure());
					assertNull(o.value());
					assertSame(boom, assertThrows(IllegalArgumentException.class, o::get));
				}
				else {
					assertEquals(i * 10, o.get());
				}
			}
		}
	}

	@Test
	void closeInterruptsAndJoinsEveryWorkerMidItem() throws InterruptedException {
		Set<Thread> workers = ConcurrentHashMap.newKeySet();
		CountDownLatch busy = new CountDownLatch(3);
		AtomicInteger interrupted = new AtomicInteger();
		Prefetcher<Integer, Integer> p = new Prefetcher<>(range(100), i -> {
			workers.add(Thread.currentThread());
			busy.countDown();
			try {
				Thread.sleep(60_000);
			}
			catch (InterruptedException e) {
				interrupted.incrementAndGet();
				Thread.currentThread().interrupt();
			}
			return i;
		}, 3, 5, "test-close");
		assertTrue(busy.await(20, TimeUnit.SECONDS));
		long t = System.nanoTime();
		p.close();
		assertTrue(System.nanoTime() - t < TimeUnit.SECONDS.toNanos(30),
			"close does not wait for the"
				+ " items to finish");
		assertEquals(3, workers.size());
		for (Thread w : workers) {
			assertFalse(w.isAlive(), w.getName() + " survived close");
		}
		assertEquals(3, interrupted.get());
		assertThrows(IllegalStateException.class, p::next);
		p.close();
	}

	@Test
	void closeBeforeTheEndLeavesNoThreadBehind() throws InterruptedException {
		Set<Thread> workers = ConcurrentHashMap.newKeySet();
		Prefetcher<Integer, Integer> p = new Prefetcher<>(range(1000), i -> {
			workers.add(Thread.currentThread());
			return i;
		}, 4, 2, "test-leak");
		assertEquals(0, p.next().get());
		assertEquals(1, p.next().get());
		p.close();
		assertFalse(workers.isEmpty());
		for (Thread w : workers) {
			assertFalse(w.isAlive(), w.getName() + " survived close");
		}
		// Independent of the set above: no thread of that name is left in the JVM.
		assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(th -> th.getName()
			.startsWith("test-leak")));
	}

	@Test
	void anInterruptedConsumerStopsWaiting() throws InterruptedException {
		CountDownLatch never = new CountDownLatch(1);
		try (Prefetcher<Integer, Integer> p = new Prefetcher<>(range(2), i -> {
			try {
				never.await();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			return i;
		}, 1, 1, "test-cancel")) {
			Thread.currentThread().interrupt();
			assertThrows(InterruptedException.class, p::next);
		}
		assertFalse(Thread.interrupted(), "the flag was consumed by the exception");
	}

	@Test
	void workersSeeTheCreatorsContextClassLoader() throws Exception {
		Thread me = Thread.currentThread();
		ClassLoader before = me.getContextClassLoader();
		try (URLClassLoader plugin = new URLClassLoader(new URL[0], before)) {
			me.setContextClassLoader(plugin);
			List<ClassLoader> seen = new ArrayList<>();
			try (Prefetcher<Integer, ClassLoader> p = new Prefetcher<>(range(3), i -> Thread
				.currentThread().getContextClassLoader(), 2, 2, "test-loader"))
			{
				while (p.hasNext()) {
					seen.add(p.next().get());
				}
			}
			finally {
				me.setContextClassLoader(before);
			}
			assertEquals(List.of(plugin, plugin, plugin), seen);
		}
	}

	@Test
	void anEmptyListStartsNoThreadAndShortListsFewer() throws InterruptedException {
		try (Prefetcher<Integer, Integer> p = new Prefetcher<>(List.of(), i -> i, 4, 4,
			"test-empty"))
		{
			assertFalse(p.hasNext());
		}
		Set<Thread> workers = ConcurrentHashMap.newKeySet();
		try (Prefetcher<Integer, Integer> p = new Prefetcher<>(range(2), i -> {
			workers.add(Thread.currentThread());
			sleep(20);
			return i;
		}, 8, 8, "test-short")) {
			p.next();
			p.next();
		}
		assertTrue(workers.size() <= 2);
		assertThrows(IllegalArgumentException.class, () -> new Prefetcher<>(range(2), i -> i, 0, 1,
			"x"));
		assertThrows(IllegalArgumentException.class, () -> new Prefetcher<>(range(2), i -> i, 1, 0,
			"x"));
	}
}
