package org.csrafiji.app.download;

import org.csrafiji.core.CsraException;
import org.csrafiji.core.ModelSpec;
import org.csrafiji.runtime.CsraModel;
import org.csrafiji.runtime.DeviceChoice;
import org.csrafiji.runtime.ModelLoader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The checks a downloaded file passes before it is put in place: its SHA-256 against the
 * spec's, and a real load into the spec's network on the CPU (the reader's format and safety
 * checks, the key layout, and every parameter's key and shape), after which the model is freed.
 */
final class CheckpointCheck {

	private CheckpointCheck() {}

	/**
	 * @param file a file
	 * @return its SHA-256, lower-case hex
	 * @throws IOException when it cannot be read
	 */
	static String sha256(Path file) throws IOException {
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java runtime has SHA-256", e);
		}
		byte[] buffer = new byte[1 << 16];
		try (InputStream in = Files.newInputStream(file)) {
			for (int n; (n = in.read(buffer)) > 0;) {
				digest.update(buffer, 0, n);
			}
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	/**
	 * @param file the downloaded file
	 * @param spec the model it must fit
	 * @throws CsraException naming why the file is not the spec's checkpoint
	 */
	static void loads(Path file, ModelSpec spec) {
		try (CsraModel model = ModelLoader.load(spec.withCheckpoint(file), DeviceChoice.CPU)) {
			model.spec(); // loaded: keys and shapes fit the network
		}
	}
}
