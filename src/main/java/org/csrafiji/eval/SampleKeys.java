package org.csrafiji.eval;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names by which predictions and labels are matched: an image's file name without folder
 * and extension ({@code JPEGImages/000005.jpg -> 000005}), and for the k-th person crop of an
 * image (counted from 0 in label-file order) that name followed by {@code #k}
 * ({@code 0_Parade_marchingband_1_1017#2}).
 */
public final class SampleKeys {

	private static final Pattern CROP = Pattern.compile("(.*)#(\\d+)");

	private SampleKeys() {}

	/**
	 * @param image an image path or file name, optionally followed by {@code #k}
	 * @return its key
	 */
	public static String of(String image) {
		String s = image.strip();
		Matcher m = CROP.matcher(s);
		if (m.matches()) {
			return stem(m.group(1)) + "#" + Integer.parseInt(m.group(2));
		}
		return stem(s);
	}

	/**
	 * @param image an image path or file name
	 * @param cropIndex which crop of that image, from 0
	 * @return the crop's key
	 */
	public static String ofCrop(String image, int cropIndex) {
		return stem(image) + "#" + cropIndex;
	}

	private static String stem(String path) {
		String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
		int dot = name.lastIndexOf('.');
		return dot > 0 ? name.substring(0, dot) : name;
	}
}
