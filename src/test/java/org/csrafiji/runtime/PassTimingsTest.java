package org.csrafiji.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;

import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.ModelSpecBuilder;
import org.junit.jupiter.api.Test;

/** Each model owns the timings of its passes; another model's pass does not change them. */
class PassTimingsTest {

	@Test
	void timingsBelongToTheModelThatRan() {
		ModelSpec spec = new ModelSpecBuilder().name("t").architecture("resnet18").size(32)
			.build(2);
		try (CsraModel a = CsraModel.random(spec, DeviceChoice.CPU, 1);
			CsraModel b = CsraModel.random(spec, DeviceChoice.CPU, 2))
		{
			FloatBuffer in = a.newInputBuffer(1);
			a.predict(in, 1);
			PassTimings ta = a.lastTimings();
			assertTrue(ta.backboneNanos() > 0 && ta.backboneNanos() <= ta.totalNanos(),
				ta.toString());
			// Before, the timings were one per thread, shared by every model.
			assertEquals(new PassTimings(0, 0), b.lastTimings());
			b.predict(in, 1);
			assertEquals(ta, a.lastTimings());
			assertTrue(b.lastTimings().totalNanos() > 0);
		}
	}
}
