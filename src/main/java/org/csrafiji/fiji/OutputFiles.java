package org.csrafiji.fiji;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;

import org.scijava.module.Module;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Saves a finished command's image and table outputs into a folder: an {@link ImagePlus} as
 * {@code <output name>.tif}, a {@link ResultsTable} as {@code <output name>.csv}. Each file is
 * written under a temporary name in the same folder and then moved into place, so a reader
 * never sees half a file.
 */
final class OutputFiles {

	private OutputFiles() {}

	/**
	 * @param module the finished module
	 * @param folder where the files go (created when missing)
	 * @param out where each saved file is named
	 * @throws IOException when a file cannot be written
	 */
	static void save(Module module, Path folder, PrintStream out) throws IOException {
		Files.createDirectories(folder);
		for (Map.Entry<String, Object> e : module.getOutputs().entrySet()) {
			Object v = e.getValue();
			if (v instanceof ImagePlus imp) {
				Path target = folder.resolve(e.getKey() + ".tif");
				write(target, tmp -> IJ.saveAsTiff(imp, tmp.toString()));
				out.println("saved " + target);
			}
			else if (v instanceof ResultsTable rt) {
				Path target = folder.resolve(e.getKey() + ".csv");
				write(target, tmp -> rt.save(tmp.toString()));
				out.println("saved " + target);
			}
		}
	}

	private interface Writer {

		boolean write(Path tmp);
	}

	private static void write(Path target, Writer writer) throws IOException {
		String name = target.getFileName().toString();
		String ext = name.substring(name.lastIndexOf('.')); // ImageJ picks the CSV format by it
		Path tmp = Files.createTempFile(target.getParent(), "." + name + "-", ".part" + ext);
		try {
			if (!writer.write(tmp) || Files.size(tmp) == 0) {
				throw new IOException("ImageJ could not write " + name);
			}
			Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}
}
