package org.csrafiji.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.csrafiji.core.ImageInputException;

/**
 * The images a job classifies, listed on the driver from a local path or any Hadoop file system
 * URI ({@code hdfs://}, {@code s3a://}, {@code file:} ...): a folder (its files with an image
 * extension, not recursing), a glob ({@code data/*.tif}), or a list file ({@code .txt} or
 * {@code .lst}: one image per line, relative lines against the list's folder, {@code #}
 * comments). Each image is named by its fully qualified URI, the same in every run, which is
 * what resuming matches on.
 */
public final class ImageInputs {

	/** What a folder's files must end with to be listed (lower case). */
	static final Set<String> IMAGE_EXTENSIONS = Set.of(".tif", ".tiff", ".png", ".jpg",
		".jpeg", ".gif", ".bmp");

	private ImageInputs() {}

	/**
	 * @param input folder, glob or list file
	 * @param conf the Hadoop configuration (file system settings)
	 * @return the images' URIs, sorted, without repeats
	 * @throws ImageInputException when the input does not exist or names no image
	 */
	public static List<String> list(String input, Configuration conf) {
		Path path = new Path(input);
		try {
			FileSystem fs = path.getFileSystem(conf);
			TreeSet<String> out = new TreeSet<>();
			if (input.matches(".*[*?\\[{].*")) {
				FileStatus[] matches = fs.globStatus(path);
				for (FileStatus s : matches == null ? new FileStatus[0] : matches) {
					if (s.isFile()) {
						out.add(s.getPath().toString());
					}
				}
			}
			else if (!fs.exists(path)) {
				throw new ImageInputException("The input '" + input
					+ "' does not exist; give a folder"
					+ " of images, a glob such as 'data/*.tif', or a list file (.txt) of images.");
			}
			else if (fs.getFileStatus(path).isDirectory()) {
				for (FileStatus s : fs.listStatus(path)) {
					if (s.isFile() && isImageName(s.getPath().getName())) {
						out.add(s.getPath().toString());
					}
				}
			}
			else if (isListName(path.getName())) {
				readList(fs, fs.makeQualified(path), out);
			}
			else {
				out.add(fs.makeQualified(path).toString());
			}
			if (out.isEmpty()) {
				throw new ImageInputException("The input '" + input + "' names no image (a folder's"
					+ " files must end with one of " + new TreeSet<>(IMAGE_EXTENSIONS)
					+ "); check the"
					+ " path and the pattern (case matters).");
			}
			return new ArrayList<>(out);
		}
		catch (IOException e) {
			throw new ImageInputException("Cannot list the input '" + input + "': " + e.getMessage()
				+ "; check the path and that this machine can reach that file system.");
		}
	}

	private static void readList(FileSystem fs, Path list, TreeSet<String> out)
		throws IOException
	{
		try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(list),
			StandardCharsets.UTF_8)))
		{
			// Looked up once per scheme and authority: a look-up per line (the file system
			// cache asks for the current user each time) made a list of a million lines take
			// seconds.
			Map<String, FileSystem> systems = new HashMap<>();
			String line;
			while ((line = r.readLine()) != null) {
				String s = line.strip();
				if (s.isEmpty() || s.startsWith("#")) {
					continue;
				}
				Path p = new Path(s);
				Path resolved = p.isAbsolute() || p.toUri().getScheme() != null
					? p
					: new Path(list
						.getParent(), s);
				URI u = resolved.toUri();
				String key = u.getScheme() + "://" + u.getAuthority();
				FileSystem target = systems.get(key);
				if (target == null) {
					target = resolved.getFileSystem(fs.getConf());
					systems.put(key, target);
				}
				out.add(target.makeQualified(resolved).toString());
			}
		}
	}

	static boolean isImageName(String name) {
		String n = name.toLowerCase(Locale.ROOT);
		return !n.startsWith(".") && !n.startsWith("_") && IMAGE_EXTENSIONS.stream().anyMatch(
			n::endsWith);
	}

	private static boolean isListName(String name) {
		String n = name.toLowerCase(Locale.ROOT);
		return n.endsWith(".txt") || n.endsWith(".lst");
	}
}
