package org.csrafiji.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.csrafiji.core.CsraException;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.DeviceChoice;
import org.junit.jupiter.api.Test;
import org.scijava.Context;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The model service: one load per file and device, shared between threads, freed on dispose. */
class DefaultCsraServiceTest {

	@Test
	void loadsOnceEvenWhenFourThreadsAskAtOnceAndFreesOnDispose() throws Exception {
		Context ctx = FijiFixtures.context();
		CsraService svc = ctx.service(CsraService.class);
		Path spec = FijiFixtures.spec("r18_h1.json").toPath();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<CsraModel>> got = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			got.add(pool.submit(() -> {
				go.await();
				return svc.model(spec, DeviceChoice.CPU);
			}));
		}
		go.countDown();
		CsraModel first = got.get(0).get();
		for (Future<CsraModel> f : got) {
			assertSame(first, f.get());
		}
		pool.shutdown();
		assertEquals(1, svc.loadedCount());
		CsraModel other = svc.model(FijiFixtures.checkpoint().toPath(), DeviceChoice.CPU);
		assertNotSame(first, other);
		assertEquals(2, svc.loadedCount());
		ctx.dispose();
		assertEquals(0, svc.loadedCount());
		assertThrows(RuntimeException.class, () -> first.predict(new float[3 * 96 * 96]),
			"the model's native memory is freed");
		assertThrows(CsraException.class, () -> svc.model(spec, DeviceChoice.CPU));
	}

	@Test
	void aFailedLoadIsNotCachedSoAFixedFileLoadsLater() {
		Context ctx = FijiFixtures.context();
		try {
			CsraService svc = ctx.service(CsraService.class);
			Path missing = FijiFixtures.spec("missing_checkpoint.json").toPath();
			assertThrows(CsraException.class, () -> svc.model(missing, DeviceChoice.CPU));
			assertEquals(0, svc.loadedCount());
		}
		finally {
			ctx.dispose();
		}
	}
}
