package org.csrafiji.cli;

import java.util.Set;

import org.csrafiji.core.CsraException;
import org.csrafiji.image.Channels;
import org.csrafiji.image.ConversionOptions;
import org.csrafiji.image.Percentiles;

/** The options {@code --channels 2,1,0} and {@code --percentiles 1,99.8} as conversion options. */
final class InputOptions {

	/** The option names. */
	static final Set<String> KEYS = Set.of("channels", "percentiles");

	private InputOptions() {}

	/**
	 * @param o the parsed command line
	 * @return display-range scaling with the chosen channels and percentiles (unset ones come
	 *         from the model spec when it records them)
	 */
	static ConversionOptions of(Options o) {
		ConversionOptions c = ConversionOptions.defaults();
		try {
			if (o.has("channels")) {
				c = c.withRgbChannels(Channels.parse(o.get("channels", null)));
			}
			if (o.has("percentiles")) {
				c = c.withPercentiles(Percentiles.parse(o.get("percentiles", null)));
			}
		}
		catch (IllegalArgumentException e) {
			throw new CsraException(e.getMessage(), e);
		}
		return c;
	}
}
