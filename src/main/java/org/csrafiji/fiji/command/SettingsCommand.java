package org.csrafiji.fiji.command;

import java.io.File;
import java.util.List;

import org.csrafiji.fiji.LibtorchSettings;
import org.csrafiji.runtime.Engines;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.prefs.PrefService;
import org.scijava.widget.FileWidget;

/**
 * Plugins &gt; CSRA &gt; CSRA Settings: a local libtorch (its lib folder, version and flavour)
 * for the PyTorch engine, stored in Fiji's preferences and used from the next engine start on.
 * The inputs a caller leaves out (still null when the initializer runs) start from the stored
 * values, not from SciJava's memory of the last dialog; values a caller or macro gives are
 * kept.
 * Natives load once per JVM: once the engine has started in this Fiji, a change takes effect
 * after Fiji is restarted, and the command says so.
 */
@Plugin(type = Command.class, menuPath = "Plugins>CSRA>CSRA Settings", initializer = "loadStored")
public class SettingsCommand extends ReportingCommand {

	@Parameter
	private PrefService prefs;

	@Parameter(label = "Use a local libtorch (takes effect after restarting Fiji)", persist = false)
	private Boolean use_libtorch;

	@Parameter(label = "libtorch lib folder", style = FileWidget.DIRECTORY_STYLE, required = false, persist = false)
	private File libtorch_folder;

	@Parameter(label = "libtorch version", persist = false)
	private String version;

	@Parameter(label = "Flavour", choices = {"cu128", "cu126", "cu124", "cu121", "cu118",
		"cpu"}, persist = false)
	private String flavour;

	@Parameter(type = ItemIO.OUTPUT)
	private String message;

	/** Starts the inputs not given by the caller (still null) from the stored settings. */
	protected void loadStored() {
		LibtorchSettings s = LibtorchSettings.load(prefs);
		if (use_libtorch == null) {
			use_libtorch = s.folder() != null;
		}
		if (libtorch_folder == null && s.folder() != null) {
			libtorch_folder = s.folder().toFile();
		}
		if (version == null) {
			version = s.version();
		}
		if (flavour == null) {
			flavour = s.flavour();
		}
	}

	@Override
	protected void execute() {
		loadStored(); // a caller that skipped the initializer (process=false) gets the same values
		LibtorchSettings s = use_libtorch && libtorch_folder != null && !libtorch_folder.getPath()
			.isBlank()
				? new LibtorchSettings(libtorch_folder.toPath(), version, flavour)
				: new LibtorchSettings(null, version, flavour);
		s.libFolder(); // a folder without libtorch is refused before it is stored
		s.save(prefs);
		message = message(s);
		feedback().info("CSRA Settings: " + message);
	}

	private static String message(LibtorchSettings s) {
		String what = s.folder() == null
			? "No local libtorch: the natives CSRA ships (or DJL's cache)"
				+ " are used."
			: "Local libtorch " + s.version() + " (" + s.flavour() + ") in " + s
				.libFolder() + ".";
		if (Engines.isStarted()) {
			return what + " Saved. The PyTorch engine has already started in this Fiji and its"
				+ " natives load only once: RESTART FIJI for this to take effect.";
		}
		List<String> applied = s.apply();
		return what + " Saved; used when the engine starts"
			+ (applied.isEmpty() ? "." : " (" + String.join("; ", applied) + ").");
	}
}
