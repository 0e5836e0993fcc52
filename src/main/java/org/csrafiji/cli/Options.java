package org.csrafiji.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parsed command-line arguments: {@code --key value} options, {@code --flag} switches and
 * positional arguments. Unknown options are an error naming them.
 */
final class Options {

	private final Map<String, List<String>> values = new LinkedHashMap<>();
	private final List<String> positional = new ArrayList<>();

	/**
	 * @param args the arguments after the subcommand
	 * @param withValue options that take a value
	 * @param flags options without a value
	 */
	Options(List<String> args, Set<String> withValue, Set<String> flags) {
		for (int i = 0; i < args.size(); i++) {
			String a = args.get(i);
			if (a.startsWith("--")) {
				String key = a.substring(2);
				String value = null;
				int eq = key.indexOf('=');
				if (eq >= 0) {
					value = key.substring(eq + 1);
					key = key.substring(0, eq);
				}
				if (flags.contains(key) && value == null) {
					values.computeIfAbsent(key, k -> new ArrayList<>()).add("true");
				}
				else if (withValue.contains(key)) {
					if (value == null) {
						if (i + 1 >= args.size()) {
							throw new UsageException("Option --" + key + " needs a value.");
						}
						value = args.get(++i);
					}
					values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
				}
				else {
					throw new UsageException("Unknown option --" + key + ".");
				}
			}
			else {
				positional.add(a);
			}
		}
	}

	boolean has(String key) {
		return values.containsKey(key);
	}

	String get(String key, String def) {
		List<String> v = values.get(key);
		return v == null ? def : v.get(v.size() - 1);
	}

	List<String> all(String key) {
		return values.getOrDefault(key, List.of());
	}

	int integer(String key, int def) {
		String v = get(key, null);
		try {
			return v == null ? def : Integer.parseInt(v);
		}
		catch (NumberFormatException e) {
			throw new UsageException("--" + key + " needs a whole number, not '" + v + "'.", e);
		}
	}

	double number(String key, double def) {
		String v = get(key, null);
		try {
			return v == null ? def : Double.parseDouble(v);
		}
		catch (NumberFormatException e) {
			throw new UsageException("--" + key + " needs a number, not '" + v + "'.", e);
		}
	}

	/**
	 * @param key an option that takes a value
	 * @param parse turns the value into what the option means; its exception is a usage error
	 * @param <T> what the option means
	 * @return the meaning, or null when the option is not given
	 * @throws UsageException when the value cannot be parsed
	 */
	<T> T parsed(String key, java.util.function.Function<String, T> parse) {
		String v = get(key, null);
		if (v == null) {
			return null;
		}
		try {
			return parse.apply(v);
		}
		catch (RuntimeException e) {
			throw new UsageException(e.getMessage(), e);
		}
	}

	/**
	 * @param key an option
	 * @return these options without it
	 */
	Options without(String key) {
		Options o = new Options(List.of(), Set.of(), Set.of());
		o.values.putAll(values);
		o.values.remove(key);
		o.positional.addAll(positional);
		return o;
	}

	List<String> positional() {
		return positional;
	}
}
