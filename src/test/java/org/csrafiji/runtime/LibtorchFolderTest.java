package org.csrafiji.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is wrong with a PYTORCH_LIBRARY_PATH folder, from its files alone (as DJL looks for
 * them: the libtorch library directly in the folder): missing, empty, a lone file with
 * libtorch's name, another version, a CPU-only build where a GPU is wanted.
 */
class LibtorchFolderTest {

	@TempDir
	Path dir;

	@Test
	void aMissingPathSaysSo() {
		assertEquals(Optional.of("PYTORCH_LIBRARY_PATH /nowhere/lib does not exist"),
			new LibtorchFolder(Path.of("/nowhere/lib")).problem("2.7.1", true));
	}

	@Test
	void anEmptyFolderHoldsNoLibtorch() {
		String p = new LibtorchFolder(dir).problem("2.7.1", true).orElseThrow();
		assertEquals("PYTORCH_LIBRARY_PATH " + dir + " holds no " + lib("torch"), p);
	}

	@Test
	void theLibtorchRootPointsAtItsLibFolder() throws Exception {
		Files.createDirectories(dir.resolve("lib"));
		Files.createFile(dir.resolve("lib").resolve(lib("torch")));
		String p = new LibtorchFolder(dir).problem("2.7.1", true).orElseThrow();
		assertTrue(p.contains("point PYTORCH_LIBRARY_PATH at " + dir.resolve("lib")), p);
	}

	@Test
	void aLoneFileWithLibtorchsNameIsNoCompleteLibtorch() throws Exception {
		Files.createFile(dir.resolve(lib("torch")));
		String p = new LibtorchFolder(dir).problem("2.7.1", false).orElseThrow();
		assertTrue(p.contains("not " + lib("torch_cpu") + ": it is not a complete libtorch"), p);
	}

	@Test
	void anotherVersionInBuildVersionIsNamed() throws Exception {
		Path libDir = cudaLibtorch();
		Files.writeString(dir.resolve("build-version"), "2.5.1+cu124\n");
		LibtorchFolder f = new LibtorchFolder(libDir);
		assertEquals(Optional.of("2.5.1"), f.version());
		assertEquals(Optional.of("the libtorch in " + libDir + " is version 2.5.1 but CSRA's"
			+ " engine needs 2.7.1"), f.problem("2.7.1", true));
	}

	@Test
	void aPipTorchsVersionPyIsRead() throws Exception {
		Path libDir = cudaLibtorch();
		Files.writeString(dir.resolve("version.py"), "__version__ = '2.13.0+cpu'\ndebug = False\n");
		assertEquals(Optional.of("2.13.0"), new LibtorchFolder(libDir).version());
	}

	@Test
	void aCpuBuildIsNamedWhenAGpuIsWanted() throws Exception {
		Path libDir = Files.createDirectories(dir.resolve("lib"));
		Files.createFile(libDir.resolve(lib("torch")));
		Files.createFile(libDir.resolve(lib("torch_cpu")));
		Files.writeString(dir.resolve("build-version"), "2.7.1+cpu\n");
		LibtorchFolder f = new LibtorchFolder(libDir);
		assertEquals(Optional.empty(), f.problem("2.7.1", false));
		assertEquals(Optional.of("the libtorch in " + libDir + " is a CPU-only build (no "
			+ lib("torch_cuda") + ")"), f.problem("2.7.1", true));
	}

	@Test
	void aCompleteCudaLibtorchOfTheRightVersionHasNoProblem() throws Exception {
		Path libDir = cudaLibtorch();
		Files.writeString(dir.resolve("build-version"), "2.7.1+cu128\n");
		assertEquals(Optional.empty(), new LibtorchFolder(libDir).problem("2.7.1", true));
	}

	private Path cudaLibtorch() throws Exception {
		Path libDir = Files.createDirectories(dir.resolve("lib"));
		for (String name : new String[]{"torch", "torch_cpu", "torch_cuda", "c10"}) {
			Files.createFile(libDir.resolve(lib(name)));
		}
		return libDir;
	}

	private static String lib(String name) {
		return System.mapLibraryName(name);
	}
}
