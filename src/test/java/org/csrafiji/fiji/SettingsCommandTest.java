package org.csrafiji.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.csrafiji.core.CsraException;
import org.csrafiji.fiji.command.SettingsCommand;
import org.csrafiji.runtime.Engines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.prefs.PrefService;

/**
 * "CSRA Settings": the stored libtorch round-trips through Fiji's preferences and becomes the
 * properties the engine reads. The engine is started first, so that nothing here can point the
 * test JVM's engine at the fake libtorch; the user's stored settings are put back afterwards.
 */
class SettingsCommandTest extends ContextTestBase {

	private LibtorchSettings before;

	@BeforeAll
	static void startEngine() {
		Engines.pytorch();
	}

	@BeforeEach
	void remember() {
		before = LibtorchSettings.load(prefs());
	}

	@AfterEach
	void restore() {
		before.save(prefs());
	}

	private static PrefService prefs() {
		return ctx.service(PrefService.class);
	}

	private static Path fakeLibtorch(Path dir) throws Exception {
		Path lib = Files.createDirectories(dir.resolve("libtorch/lib"));
		Files.writeString(lib.resolve("libtorch.so"), "");
		return lib;
	}

	@Test
	void settingsRoundTripThroughThePreferences(@TempDir Path dir) throws Exception {
		Path lib = fakeLibtorch(dir);
		new LibtorchSettings(lib, "2.7.1", "cpu").save(prefs());
		assertEquals(new LibtorchSettings(lib.toAbsolutePath(), "2.7.1", "cpu"), LibtorchSettings
			.load(prefs()));
		LibtorchSettings.NONE.save(prefs());
		assertNull(LibtorchSettings.load(prefs()).folder());
	}

	@Test
	void theEngineWouldGetTheStoredValuesUnlessTheEnvironmentSetsThem(@TempDir Path dir)
		throws Exception
	{
		Path lib = fakeLibtorch(dir);
		new LibtorchSettings(dir.resolve("libtorch"), "2.7.1", "cu128").save(prefs());
		LibtorchSettings s = LibtorchSettings.load(prefs());
		assertEquals(lib.toAbsolutePath(), s.libFolder(), "the root's lib folder");
		assertEquals(
			Map.of("PYTORCH_LIBRARY_PATH", lib.toAbsolutePath().toString(), "PYTORCH_VERSION",
				"2.7.1", "PYTORCH_FLAVOR", "cu128"),
			Engines.libtorchProperties(s.libFolder(), s.version(),
				s.flavour(), key -> null));
		assertEquals(List.of("PYTORCH_LIBRARY_PATH", "PYTORCH_VERSION"), List.copyOf(Engines
			.libtorchProperties(s.libFolder(), s.version(), s.flavour(), key -> key.equals(
				"PYTORCH_FLAVOR") ? "cpu" : null)
			.keySet()), "the environment's flavour wins");
		assertTrue(Engines.libtorchProperties(null, "2.7.1", "cpu", key -> null).isEmpty());
	}

	@Test
	void aFolderWithoutLibtorchIsRefused(@TempDir Path dir) {
		assertThrows(CsraException.class,
			() -> new LibtorchSettings(dir, "2.7.1", "cpu").libFolder());
	}

	@Test
	void theCommandStoresTheFolderAndSaysARestartIsNeeded(@TempDir Path dir) throws Exception {
		Path lib = fakeLibtorch(dir);
		Ran m = Ran.run(ctx, SettingsCommand.class,
			Map.of("use_libtorch", true, "libtorch_folder", lib
				.toFile(), "version", "2.7.1", "flavour", "cpu"));
		assertFalse(m.isCanceled(), m.getCancelReason());
		assertEquals(lib.toAbsolutePath(), LibtorchSettings.load(prefs()).folder());
		assertTrue(((String) m.getOutput("message")).contains("RESTART FIJI"), (String) m.getOutput(
			"message"));
		assertNull(System.getProperty("PYTORCH_LIBRARY_PATH"), "nothing set once the engine runs");
		m = Ran.run(ctx, SettingsCommand.class, Map.of("use_libtorch", false));
		assertNull(LibtorchSettings.load(prefs()).folder());
	}

	@Test
	void theCommandRefusesAFolderWithoutLibtorch(@TempDir Path dir) throws Exception {
		Ran m = Ran.run(ctx, SettingsCommand.class,
			Map.of("use_libtorch", true, "libtorch_folder", dir
				.toFile()));
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().contains("no libtorch"), m.getCancelReason());
	}
}
