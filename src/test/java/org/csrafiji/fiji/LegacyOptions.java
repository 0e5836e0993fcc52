package org.csrafiji.fiji;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

import org.scijava.Context;
import org.scijava.module.ModuleInfo;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;

/**
 * Macro option strings turned into command inputs the way imagej-legacy 2.0.3 does it for a
 * SciJava command, as observed (src/test/resources/fiji/legacy-options.json, checked by
 * {@link LegacyOptionsTest}): {@code key=value} pairs, keys exact and case-sensitive, the
 * first occurrence of a key wins; a value is {@code [...]}, {@code '...'} or runs to the next
 * space; a bare word sets nothing. Values are converted by the input's type: a boolean is
 * true only for "true" in any case; an int or double that does not parse is 0; a file is
 * the path as written. A key that names no input is ignored.
 */
final class LegacyOptions {

	private LegacyOptions() {}

	/**
	 * @param options an option string, or null
	 * @return each key's first raw value, in order
	 */
	static Map<String, String> pairs(String options) {
		Map<String, String> out = new LinkedHashMap<>();
		scan(options, out, new ArrayList<>());
		return out;
	}

	/**
	 * @param options an option string, or null
	 * @return its words without {@code =}, which set nothing (GenericDialog check boxes)
	 */
	static List<String> bareWords(String options) {
		List<String> out = new ArrayList<>();
		scan(options, new LinkedHashMap<>(), out);
		return out;
	}

	private static void scan(String options, Map<String, String> out, List<String> bare) {
		if (options == null) return;
		int i = 0;
		int n = options.length();
		while (i < n) {
			while (i < n && options.charAt(i) == ' ')
				i++;
			int start = i;
			while (i < n && options.charAt(i) != ' ' && options.charAt(i) != '=')
				i++;
			String key = options.substring(start, i);
			if (i >= n || options.charAt(i) != '=') {
				if (!key.isEmpty()) bare.add(key); // a bare word sets nothing
				continue;
			}
			i++;
			String value;
			char open = i < n ? options.charAt(i) : ' ';
			if (open == '[' || open == '\'') {
				int close = options.indexOf(open == '[' ? ']' : '\'', i + 1);
				if (close < 0) close = n;
				value = options.substring(i + 1, close);
				i = Math.min(n, close + 1);
			}
			else {
				int end = options.indexOf(' ', i);
				if (end < 0) end = n;
				value = options.substring(i, end);
				i = end;
			}
			if (!key.isEmpty()) out.putIfAbsent(key, value);
		}
	}

	/**
	 * @param raw a raw value
	 * @param type the input's type
	 * @return the value the command receives
	 */
	static Object convert(String raw, Class<?> type) {
		if (type == boolean.class || type == Boolean.class) return raw.equalsIgnoreCase("true");
		if (type == int.class || type == Integer.class) {
			try {
				return Integer.parseInt(raw);
			}
			catch (NumberFormatException e) {
				return 0;
			}
		}
		if (type == long.class || type == Long.class) {
			try {
				return Long.parseLong(raw);
			}
			catch (NumberFormatException e) {
				return 0L;
			}
		}
		if (type == double.class || type == Double.class) {
			try {
				return Double.parseDouble(raw);
			}
			catch (NumberFormatException e) {
				return 0.0;
			}
		}
		if (type == File.class) return new File(raw);
		return raw;
	}

	/**
	 * @param options an option string
	 * @param info the command
	 * @return the inputs the options set, converted; inputs not named are absent
	 */
	static Map<String, Object> inputs(String options, ModuleInfo info) {
		Map<String, String> pairs = pairs(options);
		Map<String, Object> out = new LinkedHashMap<>();
		for (ModuleItem<?> item : info.inputs()) {
			String raw = pairs.get(item.getName());
			if (raw != null && !injected(item))
				out.put(item.getName(), convert(raw, item
					.getType()));
		}
		return out;
	}

	/**
	 * @param item an input
	 * @return whether SciJava fills it (a service or the Context), not the user
	 */
	static boolean injected(ModuleItem<?> item) {
		return Service.class.isAssignableFrom(item.getType()) || Context.class.isAssignableFrom(
			item.getType());
	}
}
