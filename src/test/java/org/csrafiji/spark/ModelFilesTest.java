package org.csrafiji.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.csrafiji.core.CsraException;
import org.csrafiji.core.ModelSpec;
import org.csrafiji.eval.ModelStamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint travels as one of the application's files (a real local Spark context): the
 * received file is the one the driver hashed, and a file that differs from that hash, or that
 * Spark never delivered, is refused with a message saying which.
 */
class ModelFilesTest {

	@Test
	void theReceivedCheckpointIsCheckedAgainstTheDriversHash(@TempDir Path dir) throws Exception {
		SparkConf conf = new SparkConf().setMaster("local[1]").setAppName("model-files").set(
			"spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1");
		try (JavaSparkContext jsc = new JavaSparkContext(conf)) {
			ModelFiles files = ModelFiles.ship(jsc, SparkJobs.DEMO);
			assertEquals("demo.pth", files.checkpointName());
			ModelSpec local = files.local(Files.createDirectories(dir.resolve("a")));
			assertEquals(ModelStamp.of(org.csrafiji.core.ModelSpecs.read(SparkJobs.DEMO)),
				ModelStamp.of(local));
			assertTrue(Files.isSameFile(local.checkpoint(), Path.of(org.apache.spark.SparkFiles
				.get("demo.pth"))), "the spec points at the file Spark delivered");

			ModelFiles otherHash = new ModelFiles(files.specName(), files.specJson(), files
				.checkpointName(), files.modelName(), "0".repeat(64));
			CsraException changed = assertThrows(CsraException.class, () -> otherHash.local(Files
				.createDirectories(dir.resolve("b"))));
			assertTrue(changed.getMessage().contains("is not the one the driver read"), changed
				.getMessage());

			ModelFiles notShipped = new ModelFiles(files.specName(), files.specJson(),
				"never-added.pth", files.modelName(), files.checkpointSha256());
			CsraException missing = assertThrows(CsraException.class, () -> notShipped.local(Files
				.createDirectories(dir.resolve("c"))));
			assertTrue(missing.getMessage().contains("did not deliver the checkpoint"), missing
				.getMessage());
		}
	}
}
