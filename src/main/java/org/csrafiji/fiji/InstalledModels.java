package org.csrafiji.fiji;

import org.csrafiji.core.CsraException;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The model specs a user can pick by name: every {@code *.json} in Fiji's
 * {@code models/csra} folder (under the {@code imagej.dir} system property, which Fiji's
 * launcher sets) and, in development, in the working folder's {@code models/}. A spec is
 * named by its file name without {@code .json}; where two folders hold the same name, the
 * first folder wins. Besides the specs there is one more choice, {@link #FILE_CHOICE}: the
 * file in the commands' {@code model_file} input.
 */
public final class InstalledModels {

	/** The choice that means "use model_file". */
	public static final String FILE_CHOICE = "other file";

	private final Map<String, Path> specs;

	/**
	 * @param folders the folders to list, first wins; missing ones are skipped
	 */
	public InstalledModels(List<Path> folders) {
		specs = new LinkedHashMap<>();
		for (Path f : folders) {
			for (Path spec : list(f)) {
				specs.putIfAbsent(name(spec), spec);
			}
		}
	}

	/** @return the specs installed where Fiji and the project keep them */
	public static InstalledModels find() {
		return new InstalledModels(defaultFolders());
	}

	/** @return Fiji's models/csra (when imagej.dir is set), then ./models */
	public static List<Path> defaultFolders() {
		List<Path> out = new ArrayList<>();
		String ij = System.getProperty("imagej.dir");
		if (ij != null && !ij.isBlank()) {
			out.add(Path.of(ij, "models", "csra"));
		}
		out.add(Path.of(System.getProperty("user.dir", "."), "models"));
		return out;
	}

	/** @return the choices: the spec names, sorted per folder, then {@link #FILE_CHOICE} */
	public List<String> choices() {
		List<String> c = new ArrayList<>(specs.keySet());
		c.add(FILE_CHOICE);
		return c;
	}

	/**
	 * @param choice a spec name or {@link #FILE_CHOICE} (null or blank means the latter)
	 * @param file the model_file input
	 * @return the model file to load
	 */
	public File resolve(String choice, File file) {
		if (choice == null || choice.isBlank() || choice.strip().equals(FILE_CHOICE)) {
			return file;
		}
		Path p = specs.get(choice.strip());
		if (p == null) {
			throw new CsraException("No installed CSRA model is named '" + choice + "'; installed: "
				+ String.join(", ", specs.keySet()) + (specs.isEmpty() ? "(none)" : "")
				+ ". Choose one of them, or '" + FILE_CHOICE + "' and set model_file.");
		}
		return p.toFile();
	}

	private static List<Path> list(Path folder) {
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> s = Files.list(folder)) {
			return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(
				Locale.ROOT).endsWith(".json")).sorted().toList();
		}
		catch (IOException e) {
			return List.of(); // an unreadable folder offers no models
		}
	}

	private static String name(Path spec) {
		String n = spec.getFileName().toString();
		return n.substring(0, n.length() - ".json".length());
	}
}
