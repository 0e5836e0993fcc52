package org.csrafiji.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.csrafiji.core.ClassLabels;
import org.csrafiji.core.DatasetException;

/**
 * Finds the classes of one source among the class names of another: by exact name first, then
 * ignoring case and treating {@code _}, {@code -} and blanks alike (the official CSRA code writes
 * COCO's "traffic light" as "traffic_light"). Every class must be found and every name used.
 */
public final class ClassMatching {

	private ClassMatching() {}

	/**
	 * @param available class names of one source, e.g. prediction columns
	 * @param availableSource that source, for messages
	 * @param wanted the classes to find
	 * @param wantedSource where they come from, for messages
	 * @return for each wanted class, the index of its name in {@code available}
	 */
	public static int[] indices(List<String> available, String availableSource, ClassLabels wanted,
		String wantedSource)
	{
		Map<String, Integer> exact = new HashMap<>();
		Map<String, Integer> loose = new HashMap<>();
		for (int i = 0; i < available.size(); i++) {
			exact.putIfAbsent(available.get(i), i);
			loose.merge(normalised(available.get(i)), i, (a, b) -> -1);
		}
		int[] index = new int[wanted.size()];
		boolean[] used = new boolean[available.size()];
		List<String> missing = new ArrayList<>();
		for (int c = 0; c < wanted.size(); c++) {
			Integer i = exact.get(wanted.name(c));
			if (i == null) {
				i = loose.get(normalised(wanted.name(c)));
			}
			if (i == null || i < 0 || used[i]) {
				missing.add(wanted.name(c));
				continue;
			}
			index[c] = i;
			used[i] = true;
		}
		List<String> extra = new ArrayList<>();
		for (int i = 0; i < available.size(); i++) {
			if (!used[i]) {
				extra.add(available.get(i));
			}
		}
		if (!missing.isEmpty()) {
			throw new DatasetException("Class '" + missing.get(0) + "' of " + wantedSource
				+ " is not in "
				+ availableSource + more(missing) + "; give both the same classes, named alike.");
		}
		if (!extra.isEmpty()) {
			throw new DatasetException(
				"Class '" + extra.get(0) + "' of " + availableSource + " is not in "
					+ wantedSource + more(extra) + "; give both the same classes, named alike.");
		}
		return index;
	}

	private static String more(List<String> names) {
		return names.size() == 1
			? ""
			: " (nor are " + names.subList(1, Math.min(names.size(), 6))
				+ (names.size() > 6 ? " and " + (names.size() - 6) + " more" : "") + ")";
	}

	private static String normalised(String name) {
		return name.toLowerCase(Locale.ROOT).replaceAll("[_\\-\\s]+", " ").strip();
	}
}
