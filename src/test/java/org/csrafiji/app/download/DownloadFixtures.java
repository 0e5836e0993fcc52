package org.csrafiji.app.download;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.csrafiji.core.ModelSpec;
import org.csrafiji.core.ModelSpecs;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The tiny ResNet-18 checkpoints PyTorch wrote for the model tests
 * (src/test/python/make_model_fixtures.py) and a spec for the one-head one whose checkpoint is
 * still to be downloaded.
 */
public final class DownloadFixtures {

	private DownloadFixtures() {}

	/** @return the resources folder */
	public static Path resources() {
		try {
			return Path.of(DownloadFixtures.class.getResource("/fiji/r18_h1.json").toURI())
				.getParent().getParent();
		}
		catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	/** @return the bytes of the one-head checkpoint the spec describes */
	public static byte[] oneHead() throws IOException {
		return Files.readAllBytes(resources().resolve("model/official_r18_h1.pth"));
	}

	/** @return the bytes of a four-head checkpoint: loadable, but not the spec's network */
	public static byte[] fourHeads() throws IOException {
		return Files.readAllBytes(resources().resolve("model/official_r18_h4.pth"));
	}

	/**
	 * Writes the fixture spec into a folder, its checkpoint to be at weights/r18.pth.
	 *
	 * @param folder where the spec goes
	 * @param url its weights_url
	 * @param sha256 its sha256, or null
	 * @return the spec as read back from the file
	 */
	public static ModelSpec spec(Path folder, String url, String sha256) throws IOException {
		JsonObject o = JsonParser.parseString(Files.readString(resources().resolve(
			"fiji/r18_h1.json"))).getAsJsonObject();
		o.addProperty("checkpoint", "weights/r18.pth");
		o.addProperty("weights_url", url);
		if (sha256 != null) {
			o.addProperty("sha256", sha256);
		}
		Path file = folder.resolve("r18.json");
		Files.writeString(file, o.toString());
		return ModelSpecs.read(file);
	}

	/** @return the SHA-256 of some bytes, by the JDK's MessageDigest */
	public static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
