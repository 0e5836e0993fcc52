package org.csrafiji.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * Reading {@code jstat -gc}: the table below is what OpenJDK 17's jstat printed for a JVM
 * that had just started (G1, no collection yet).
 */
class JstatGcTest {

	private static final String JDK17 = "    S0C         S1C         S0U         S1U          EC  "
		+ "         EU           OC           OU          MC         MU       CCSC      CCSU    "
		+ " YGC     YGCT     FGC    FGCT     CGC    CGCT       GCT   \n"
		+ "        0.0         0.0         0.0         0.0      20480.0      12288.0     368640.0"
		+ "          0.0        0.0        0.0       0.0       0.0      0     0.000     0     0.000"
		+ "     0     0.000     0.000\n";

	@Test
	void committedIsSurvivorEdenAndOldCapacityAndUsedTheirUsage() {
		RssSampler.HeapSample h = JstatGc.parse(5, 42, JDK17);
		assertEquals(new RssSampler.HeapSample(5, 42, 20480 + 368640, 12288), h);
	}

	@Test
	void whatIsNotJstatsTableGivesNoReading() {
		assertNull(JstatGc.parse(0, 1, "42 not found\n"));
		assertNull(JstatGc.parse(0, 1, ""));
		assertNull(JstatGc.parse(0, 1, "S0C S1C\n1.0 2.0\n"), "columns missing");
		assertNull(JstatGc.parse(0, 1, "S0C S1C S0U S1U EC EU OC OU\n1 2 3 4 5 6 7\n"));
	}
}
