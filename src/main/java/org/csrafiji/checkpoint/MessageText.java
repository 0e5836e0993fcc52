package org.csrafiji.checkpoint;

/** Names and keys from a checkpoint, as a one-line message may show them. */
final class MessageText {

	private static final int MAX = 60;

	private MessageText() {}

	/**
	 * @param value a name or key a file chose
	 * @return its text, at most 60 characters, control characters (newlines) escaped
	 */
	static String shorten(Object value) {
		String text = String.valueOf(value);
		String cut = text.length() > MAX ? text.substring(0, MAX - 3) + "..." : text;
		StringBuilder out = new StringBuilder();
		cut.codePoints().forEach(c -> out.append(Character.isISOControl(c)
			? String.format("\\u%04x", c)
			: new String(Character.toChars(c))));
		return out.toString();
	}
}
