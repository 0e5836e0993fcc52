package org.csrafiji.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.csrafiji.core.CheckpointException;
import org.csrafiji.core.OutputFiles;

/**
 * Writes a state dict as {@code torch.save} does (PyTorch 1.6+ zip container), so that
 * {@code torch.load(path, weights_only=True)} and this package's reader both read it. The
 * file appears only when complete: it is written to a temporary file beside it and then
 * moved into place.
 */
public final class TorchCheckpointWriter {

	private static final SecureRandom RANDOM = new SecureRandom();

	private TorchCheckpointWriter() {}

	/**
	 * @param file where to write, usually ending in {@code .pth}; replaced if it exists
	 * @param stateDict tensor names to tensors, written in iteration order, each contiguous
	 *          on its own storage
	 * @throws CheckpointException when the file cannot be written
	 */
	public static void write(Path file, Map<String, TensorData> stateDict) {
		List<Map.Entry<String, TensorData>> tensors = new ArrayList<>(stateDict.size());
		stateDict.forEach((k, v) -> tensors.add(Map.entry(Objects.requireNonNull(k, "key"),
			Objects.requireNonNull(v, () -> "tensor " + k))));
		Path target = file.toAbsolutePath();
		try {
			OutputFiles.write(target, temporary -> writeArchive(temporary, archiveName(target),
				tensors));
		}
		catch (IOException e) {
			throw new CheckpointException("Could not write checkpoint " + file + ": " + e
				+ ". Check that the folder exists, is writable and has free space.", e);
		}
	}

	/**
	 * @param file where to write; replaced if it exists
	 * @param stateDict the tensors, written in their order
	 * @throws CheckpointException when the file cannot be written
	 */
	public static void write(Path file, StateDict stateDict) {
		write(file, stateDict.asMap());
	}

	private static void writeArchive(Path path, String archive,
		List<Map.Entry<String, TensorData>> tensors) throws IOException
	{
		try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE,
			StandardOpenOption.TRUNCATE_EXISTING))
		{
			TorchZipWriter zip = new TorchZipWriter(channel);
			String prefix = archive + "/";
			zip.add(prefix + "data.pkl", ByteBuffer.wrap(PickleWriter.stateDict(tensors)));
			zip.add(prefix + ".format_version", ascii("1"));
			zip.add(prefix + ".storage_alignment", ascii("64"));
			zip.add(prefix + "byteorder", ascii("little"));
			for (int i = 0; i < tensors.size(); i++) {
				zip.add(prefix + "data/" + i, tensors.get(i).getValue().littleEndianBytes());
			}
			zip.add(prefix + "version", ascii("3\n"));
			zip.add(prefix + ".data/serialization_id", ascii(serializationId()));
			zip.finish();
			channel.force(true);
		}
	}

	/** torch names the archive's top folder after the file, without its extension. */
	private static String archiveName(Path target) {
		String name = target.getFileName().toString();
		int dot = name.lastIndexOf('.');
		String stem = dot > 0 ? name.substring(0, dot) : name;
		return stem.matches("[A-Za-z0-9_.-]+") ? stem : "archive";
	}

	/** A random 40-digit id like the one PyTorch's writer records. */
	private static String serializationId() {
		StringBuilder id = new StringBuilder(40);
		for (int i = 0; i < 40; i++)
			id.append(RANDOM.nextInt(10));
		return id.toString();
	}

	private static ByteBuffer ascii(String s) {
		return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
	}
}
