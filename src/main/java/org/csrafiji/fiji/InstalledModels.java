package org.csrafiji.fiji;

import org.csrafiji.core.CsraException;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The model specs a user can pick by name: every {@code *.json} spec in Fiji's
 * {@code models/csra} folder (under the {@code imagej.dir} system property, which Fiji's
 * launcher sets) and its subfolders one level down (the demo model is
 * {@code models/csra/demo/demo.json}), and, in development, the same in the working folder's
 * {@code models/}. A spec is named by its file name without {@code .json}; where two files
 * have the same name, the first found wins (top folder before subfolders, Fiji before the
 * working folder). The listing is bounded: {@link #MAX_SPECS} files per folder, none larger
 * than {@link #MAX_SPEC_BYTES}, hidden folders skipped; in a subfolder only JSON files that
 * name an "architecture" count as specs (a dataset's JSON beside a model is not offered).
 * <p>
 * Each choice says whether the spec can run: a spec whose weights file is missing is listed
 * as "NAME (weights missing)", and choosing it explains where the file goes and how to get it.
 * Besides the specs there is one more choice, {@link #FILE_CHOICE}: the file in the commands'
 * {@code model_file} input.
 */
public final class InstalledModels {

	/** The choice that means "use model_file". */
	public static final String FILE_CHOICE = "other file";

	/** The most spec files read from one folder (with its subfolders). */
	static final int MAX_SPECS = 200;

	/** Larger JSON files are not specs (a spec is a few kilobytes). */
	static final long MAX_SPEC_BYTES = 1 << 20;

	private final Map<String, InstalledSpec> specs;

	/**
	 * @param folders the folders to list, first wins; missing ones are skipped
	 */
	public InstalledModels(List<Path> folders) {
		specs = new LinkedHashMap<>();
		for (Path f : folders) {
			for (Path spec : list(f)) {
				specs.computeIfAbsent(name(spec), n -> InstalledSpec.read(n, spec, MAX_SPEC_BYTES));
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

	/**
	 * @return the choices: each spec's {@link InstalledSpec#label()}, in the order found, then
	 *         {@link #FILE_CHOICE}
	 */
	public List<String> choices() {
		List<String> c = new ArrayList<>();
		specs.values().forEach(s -> c.add(s.label()));
		c.add(FILE_CHOICE);
		return c;
	}

	/** @return every listed spec, in the order of {@link #choices()} */
	public List<InstalledSpec> specs() {
		return List.copyOf(specs.values());
	}

	/**
	 * @param choice a spec's name or its label (with "(weights missing)")
	 * @return the spec, if one is listed under that name
	 */
	public Optional<InstalledSpec> named(String choice) {
		return Optional.ofNullable(specs.get(stripLabel(choice)));
	}

	/**
	 * @param choice a spec name or label, or {@link #FILE_CHOICE} (null or blank means the latter)
	 * @param file the model_file input
	 * @return the model file to load
	 * @throws CsraException when no spec has that name, or when it cannot run (its weights
	 *         are missing: the message says where they go and how to get them)
	 */
	public File resolve(String choice, File file) {
		if (choice == null || choice.isBlank() || choice.strip().equals(FILE_CHOICE)) {
			return file;
		}
		InstalledSpec s = named(choice).orElseThrow(() -> new CsraException("No installed CSRA"
			+ " model is named '" + choice + "'; installed: " + (specs.isEmpty()
				? "(none)"
				: String
					.join(", ", specs.keySet()))
			+ ". Choose one of them, or '" + FILE_CHOICE
			+ "' and set model_file."));
		if (!s.ready()) {
			throw new CsraException(s.problem());
		}
		return s.file().toFile();
	}

	/** @return the name a choice stands for: the label without what it adds */
	static String stripLabel(String choice) {
		String c = choice == null ? "" : choice.strip();
		for (String suffix : List.of(InstalledSpec.WEIGHTS_MISSING, InstalledSpec.UNREADABLE)) {
			if (c.endsWith(suffix)) {
				return c.substring(0, c.length() - suffix.length()).strip();
			}
		}
		return c;
	}

	/** The folder's own specs (sorted), then its subfolders' (sorted by path), bounded. */
	private static List<Path> list(Path folder) {
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> s = Files.walk(folder, 2)) {
			return s.filter(p -> isJson(p) && !hidden(folder.relativize(p)))
				.sorted(Comparator.comparingInt((Path p) -> folder.relativize(p).getNameCount())
					.thenComparing(Comparator.naturalOrder()))
				.filter(p -> p.getParent().equals(folder) || namesArchitecture(p))
				.limit(MAX_SPECS).toList();
		}
		catch (IOException | java.io.UncheckedIOException e) {
			return List.of(); // an unreadable folder offers no models
		}
	}

	private static boolean isJson(Path p) {
		return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") && Files
			.isRegularFile(p);
	}

	private static boolean hidden(Path relative) {
		for (Path part : relative) {
			if (part.toString().startsWith(".")) {
				return true;
			}
		}
		return false;
	}

	/** A cheap test for a subfolder's JSON: small, and it mentions "architecture". */
	private static boolean namesArchitecture(Path p) {
		try {
			return Files.size(p) <= MAX_SPEC_BYTES
				&& Files.readString(p).contains("\"architecture\"");
		}
		catch (IOException | RuntimeException e) {
			return false;
		}
	}

	private static String name(Path spec) {
		String n = spec.getFileName().toString();
		return n.substring(0, n.length() - ".json".length());
	}
}
