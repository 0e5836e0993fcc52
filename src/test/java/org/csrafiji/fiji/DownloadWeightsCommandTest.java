package org.csrafiji.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.csrafiji.app.download.DownloadFixtures;
import org.csrafiji.app.download.WeightsServer;
import org.csrafiji.fiji.command.DownloadWeightsCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * "CSRA Download Weights" run as scripts run it (CommandService.run(...).get(), which returns
 * the finished module): an installed spec named as the Model list names it gets its weights
 * from a real HTTP server on 127.0.0.1, after which the list shows it ready; a spec file works
 * the same; a run without a model names the installed specs that lack weights.
 */
class DownloadWeightsCommandTest extends ContextTestBase {

	@TempDir
	Path fiji;

	private String savedDir;
	private WeightsServer server;
	private Path csra;

	@BeforeEach
	void installSpecWithoutWeights() throws Exception {
		savedDir = System.getProperty("imagej.dir");
		System.setProperty("imagej.dir", fiji.toString());
		server = new WeightsServer(DownloadFixtures.oneHead(), "application/octet-stream", -1);
		csra = Files.createDirectories(fiji.resolve("models/csra"));
		DownloadFixtures.spec(csra, server.uri().toString(), null);
	}

	@AfterEach
	void restore() {
		server.close();
		if (savedDir == null) {
			System.clearProperty("imagej.dir");
		}
		else {
			System.setProperty("imagej.dir", savedDir);
		}
	}

	@Test
	void anInstalledSpecNamedAsTheListShowsItGetsItsWeights() throws Exception {
		assertTrue(InstalledModels.find().choices().contains("r18 (weights missing)"));
		CommandModule m = ctx.service(CommandService.class).run(DownloadWeightsCommand.class, true,
			"model", "r18 (weights missing)", "model_file", null).get();
		assertFalse(m.isCanceled(), m.getCancelReason());
		assertTrue(((String) m.getOutput("message")).startsWith("Installed the weights of"), String
			.valueOf(m.getOutput("message")));
		assertArrayEquals(DownloadFixtures.oneHead(), Files.readAllBytes(csra.resolve(
			"weights/r18.pth")));
		assertTrue(InstalledModels.find().choices().contains("r18"), "now listed as ready");
	}

	@Test
	void aSpecFileGetsItsWeights() throws Exception {
		File spec = csra.resolve("r18.json").toFile();
		CommandModule m = ctx.service(CommandService.class).run(DownloadWeightsCommand.class, true,
			"model", "", "model_file", spec).get();
		assertFalse(m.isCanceled(), m.getCancelReason());
		assertTrue(Files.isRegularFile(csra.resolve("weights/r18.pth")));
	}

	@Test
	void withoutAModelTheRunIsCancelledNamingTheSpecsWithoutWeights() throws Exception {
		CommandModule m = ctx.service(CommandService.class).run(DownloadWeightsCommand.class, true,
			"model", "", "model_file", null).get();
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().contains("Installed models without weights: r18"), m
			.getCancelReason());
	}
}
