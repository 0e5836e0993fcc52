package org.csrafiji.fiji;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.scijava.Context;

/** One SciJava Context per test class, disposed (freeing its models) after the class. */
abstract class ContextTestBase {

	/** The test class's Context. */
	static Context ctx;

	@BeforeAll
	static void startContext() {
		ctx = FijiFixtures.context();
	}

	@AfterAll
	static void disposeContext() {
		ctx.dispose();
	}
}
