package org.csrafiji.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.csrafiji.core.DatasetException;
import org.csrafiji.core.ModelSpec;

/**
 * Which model wrote an output file: the spec's name and the SHA-256 of its checkpoint file
 * ({@code none} for a model without one). Written as the first record of a predictions file
 * or a batch CSV, {@code #csra-model,name=NAME,checkpoint_sha256=HEX}, so that a run resuming
 * the file with another model is refused instead of mixing two models' scores.
 *
 * @param name the model's name
 * @param checkpointSha256 lowercase hex SHA-256 of the checkpoint, or {@code none}
 */
public record ModelStamp(String name, String checkpointSha256) {

	/** The first field of the stamp record. */
	public static final String TAG = "#csra-model";

	private static final String NAME = "name=";
	private static final String SHA = "checkpoint_sha256=";

	/**
	 * @param spec a model spec
	 * @return its stamp; reads the whole checkpoint once to hash it
	 * @throws DatasetException when the checkpoint cannot be read
	 */
	public static ModelStamp of(ModelSpec spec) {
		Path checkpoint = spec.checkpoint();
		if (checkpoint == null || !Files.isRegularFile(checkpoint)) {
			return new ModelStamp(spec.name(), "none");
		}
		try (InputStream in = new DigestInputStream(Files.newInputStream(checkpoint), MessageDigest
			.getInstance("SHA-256")))
		{
			byte[] chunk = new byte[1 << 16];
			while (in.read(chunk) >= 0) {
				// the digest sees every byte
			}
			return new ModelStamp(spec.name(), HexFormat.of().formatHex(((DigestInputStream) in)
				.getMessageDigest().digest()));
		}
		catch (IOException e) {
			throw new DatasetException(
				"Cannot read the checkpoint " + checkpoint + " to record which"
					+ " model wrote the scores: " + e.getMessage() + ".",
				e);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every Java has SHA-256", e);
		}
	}

	/** @return the stamp record's fields */
	List<String> fields() {
		return List.of(TAG, NAME + name, SHA + checkpointSha256);
	}

	/**
	 * @param fields a record
	 * @return the stamp it holds, or null when it is not a stamp record
	 */
	static ModelStamp parse(List<String> fields) {
		if (fields.isEmpty() || !fields.get(0).equals(TAG)) {
			return null;
		}
		String name = null;
		String sha = null;
		for (String f : fields.subList(1, fields.size())) {
			if (f.startsWith(NAME)) {
				name = f.substring(NAME.length());
			}
			else if (f.startsWith(SHA)) {
				sha = f.substring(SHA.length());
			}
		}
		return new ModelStamp(name == null ? "?" : name, sha == null ? "?" : sha);
	}

	/** @return e.g. {@code model 'demo' (checkpoint SHA-256 3f2a...)}, for messages */
	public String describe() {
		return "model '" + name + "' (checkpoint SHA-256 " + checkpointSha256 + ")";
	}
}
