package org.csrafiji.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.csrafiji.core.CheckpointException;
import org.csrafiji.core.Setting;

/**
 * Reads checkpoint files. The format is recognised from the file's first bytes, not its
 * name: a zip written by {@code torch.save} (PyTorch 1.6 or later) or a safetensors file.
 */
public final class Checkpoints {

	private Checkpoints() {}

	/**
	 * @param file a {@code .pth}/{@code .pt} file written by {@code torch.save}, or a
	 *          {@code .safetensors} file
	 * @return its tensors, unwrapped from {@code {"state_dict": ...}} or {@code {"model": ...}}
	 *         where the file wraps them, in file order
	 * @throws CheckpointException when the file is missing, damaged, in another format, or
	 *           its pickle names anything a state_dict does not need
	 */
	public static StateDict read(Path file) {
		try {
			return readFile(file);
		}
		catch (CheckpointException e) {
			if (e.file().isPresent()) {
				throw e;
			}
			throw new CheckpointException(e.getMessage(), e, e.setting().orElse(Setting.CHECKPOINT),
				e
					.value().orElse(null),
				file);
		}
	}

	private static StateDict readFile(Path file) {
		String source = String.valueOf(file.getFileName());
		if (Files.isDirectory(file)) {
			throw new CheckpointException(
				file + " is a folder; choose the checkpoint file inside it.");
		}
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = channel.size();
			ByteBuffer head = FileReads.read(channel, 0, Math.min(size, 16), false, source);
			return switch (CheckpointFormat.detect(head, size)) {
				case TORCH_ZIP -> TorchZipReader.read(channel, source);
				case SAFETENSORS -> SafetensorsReader.read(channel, source);
				case LEGACY_TORCH -> throw new CheckpointException("Checkpoint " + source
					+ " was saved"
					+ " in the legacy torch.save format (before PyTorch 1.6, or with"
					+ " _use_new_zipfile_serialization=False), which this reader does not read. Re-save it"
					+ " with a PyTorch >= 1.6 default torch.save: torch.save(torch.load(old, weights_only=True),"
					+ " new).");
				case PLAIN_PICKLE -> throw new CheckpointException(source
					+ " is a plain Python pickle,"
					+ " not a torch.save checkpoint. Save the weights with torch.save(model.state_dict(),"
					+ " path).");
				case UNKNOWN ->
					throw new CheckpointException(source + " is neither a PyTorch checkpoint"
						+ " (.pth written by torch.save) nor a safetensors file"
						+ (size == 0 ? " (it is empty)" : "")
						+ ". Choose the checkpoint file the model was saved to.");
			};
		}
		catch (NoSuchFileException e) {
			throw new CheckpointException(
				"Checkpoint file " + file + " does not exist. Check the path.", e);
		}
		catch (AccessDeniedException e) {
			throw new CheckpointException(
				"Checkpoint file " + file + " cannot be read (access denied)."
					+ " Check its permissions.",
				e);
		}
		catch (IOException e) {
			throw new CheckpointException(
				"Checkpoint file " + file + " cannot be read: " + e.getMessage()
					+ ". Check that the disk or network share is available.",
				e);
		}
	}
}
