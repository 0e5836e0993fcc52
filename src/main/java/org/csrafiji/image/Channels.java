package org.csrafiji.image;

/**
 * Parses the channel choice of the command line and the model spec: which image channel
 * (1-based, 0 for blank) feeds R, G and B, as in {@link ConversionOptions#rgbChannels()}.
 */
public final class Channels {

	private Channels() {}

	/**
	 * @param text one channel repeated to R, G and B ({@code "2"}), or three separated by commas
	 *          ({@code "2,1,0"}: channel 2 to red, 1 to green, blue blank)
	 * @return the R, G and B sources
	 * @throws IllegalArgumentException when the text is neither
	 */
	public static int[] parse(String text) {
		String[] parts = text.split(",");
		if (parts.length != 1 && parts.length != 3) {
			throw new IllegalArgumentException(message(text));
		}
		int[] out = new int[3];
		try {
			for (int i = 0; i < 3; i++) {
				out[i] = Integer.parseInt(parts[parts.length == 1 ? 0 : i].strip());
			}
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException(message(text));
		}
		if (out[0] < 0 || out[1] < 0 || out[2] < 0 || (out[0] | out[1] | out[2]) == 0) {
			throw new IllegalArgumentException(message(text));
		}
		return out;
	}

	/** @param rgb R, G, B sources @return the form {@link #parse} reads */
	public static String text(int[] rgb) {
		return rgb[0] + "," + rgb[1] + "," + rgb[2];
	}

	private static String message(String text) {
		return "Channels are one image channel for R, G and B (e.g. 2) or three separated by"
			+ " commas for R, G and B (e.g. 2,1,0), counted from 1, 0 for a blank one, at least"
			+ " one not blank; not '" + text + "'.";
	}
}
