package org.csrafiji.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Deleting the flat temporary folders the job makes on executors (model files, image copies). */
final class TempFolders {

	private TempFolders() {}

	/** @param folder a folder of plain files, or null; what cannot be deleted is left behind */
	static void delete(Path folder) {
		if (folder == null) {
			return;
		}
		try (Stream<Path> files = Files.list(folder)) {
			for (Path f : (Iterable<Path>) files::iterator) {
				Files.deleteIfExists(f);
			}
			Files.deleteIfExists(folder);
		}
		catch (IOException e) {
			// left in the executor's temporary folder, which the cluster manager cleans
		}
	}
}
