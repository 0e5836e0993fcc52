package org.csrafiji.fiji;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;

import org.scijava.Cancelable;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.scijava.service.Service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one SciJava command without Fiji's user interface, from a plain class path (for
 * example every jar of an installed Fiji.app):
 *
 * <pre>
 * java -Djava.awt.headless=true -Dimagej.dir=Fiji.app -cp 'Fiji.app/jars/*:Fiji.app/jars/linux64/*' \
 *     org.csrafiji.fiji.HeadlessRunner [--list] ["CSRA Classify" image=cells.tif model=demo device=cpu ...]
 * </pre>
 * <ul>
 * <li>{@code --list} prints every command under Plugins &gt; CSRA, one per line as
 * {@code label<TAB>class};</li>
 * <li>then the command named by its menu label (or class name) runs with the given
 * {@code key=value} inputs, converted by SciJava; an {@code ImagePlus} input's value is a
 * file that ImageJ opens; an input not given keeps its default (nothing is asked, nothing
 * persisted from an earlier session is loaded);</li>
 * <li>each output is printed: a results table as tab-separated lines (headings first),
 * anything else as {@code name = value};</li>
 * <li>{@code save_outputs=DIR} (not an input of any command) also saves each image output
 * as {@code DIR/<output name>.tif} and each table as {@code DIR/<output name>.csv}, each
 * written to a temporary file first and then moved into place.</li>
 * </ul>
 * Exit status: 0 after a successful run (or a list alone), 1 for unusable arguments (one line
 * that names the valid keys for an unknown one) or an unknown command, 2 when an image cannot
 * be opened or the command canceled itself (the reason, one line, on stderr).
 */
public final class HeadlessRunner {

	private static final String CSRA_MENU = "Plugins>CSRA>";

	/** The key that names the folder for image and table outputs. */
	public static final String SAVE_OUTPUTS = "save_outputs";

	private HeadlessRunner() {}

	/** @param args see the class description */
	public static void main(String[] args) {
		// DJL logs through SLF4J; without a binding (a plain class path) SLF4J prints warnings
		System.setProperty("slf4j.internal.verbosity", "ERROR");
		int status;
		Context context = new Context();
		try {
			status = run(context, args);
		}
		finally {
			context.dispose();
		}
		System.exit(status);
	}

	/**
	 * Does what {@link #main} does, in a given Context.
	 *
	 * @param context the Context whose commands are run
	 * @param args see the class description
	 * @return the exit status
	 */
	public static int run(Context context, String... args) {
		return run(context, System.out, System.err, args);
	}

	/**
	 * Does what {@link #main} does, in a given Context, printing to given streams.
	 *
	 * @param context the Context whose commands are run
	 * @param out where outputs are printed
	 * @param err where errors are printed
	 * @param args see the class description
	 * @return the exit status
	 */
	public static int run(Context context, PrintStream out, PrintStream err, String... args) {
		List<String> rest = new ArrayList<>(List.of(args));
		CommandService commands = context.service(CommandService.class);
		if (!rest.isEmpty() && rest.get(0).equals("--list")) {
			rest.remove(0);
			for (CommandInfo info : csraCommands(commands)) {
				out.println(info.getTitle() + "\t" + info.getClassName());
			}
			if (rest.isEmpty()) return 0;
		}
		if (rest.isEmpty()) {
			err.println("Give a command's label (e.g. \"CSRA Classify\") and key=value inputs, "
				+ "or --list.");
			return 1;
		}
		CommandInfo info = find(commands, rest.get(0));
		if (info == null) {
			err.println("No command is labelled or named '" + rest.get(0) + "'. CSRA commands: "
				+ String.join(", ",
					csraCommands(commands).stream().map(CommandInfo::getTitle).toList()));
			return 1;
		}
		Map<String, Object> inputs = new LinkedHashMap<>();
		Path saveTo = null;
		List<String> keys = inputNames(info);
		for (String pair : rest.subList(1, rest.size())) {
			int eq = pair.indexOf('=');
			if (eq <= 0) {
				err.println("'" + pair + "' is not key=value; " + info.getTitle() + " takes "
					+ String.join(", ", keys) + " (and " + SAVE_OUTPUTS + ").");
				return 1;
			}
			String key = pair.substring(0, eq);
			String text = pair.substring(eq + 1);
			if (key.equals(SAVE_OUTPUTS)) {
				saveTo = Path.of(text);
				continue;
			}
			if (!keys.contains(key)) {
				err.println(info.getTitle() + " has no input '" + key + "'; its inputs are "
					+ String.join(", ", keys) + " (and " + SAVE_OUTPUTS + ").");
				return 1;
			}
			ModuleItem<?> item = info.getInput(key);
			if (ImagePlus.class.equals(item.getType())) {
				ImagePlus imp = open(text);
				if (imp == null) {
					err.println("ImageJ cannot open '" + text + "' (" + key + "): " + (Files
						.isReadable(Path.of(text))
							? "not an image format ImageJ reads"
							: "no readable file there")
						+ ". Give the path of a TIFF, PNG or JPEG file.");
					return 2;
				}
				inputs.put(key, imp);
			}
			else {
				inputs.put(key, text);
			}
		}
		ModuleService modules = context.service(ModuleService.class);
		Module module = modules.createModule(info);
		for (ModuleItem<?> item : info.inputs()) {
			boolean injected = Service.class.isAssignableFrom(item.getType())
				|| Context.class.isAssignableFrom(item.getType());
			if (!injected && !inputs.containsKey(item.getName()))
				module.resolveInput(item.getName());
		}
		try {
			module = modules.run(module, true, inputs).get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			err.println(info.getTitle() + " was interrupted.");
			return 1;
		}
		catch (java.util.concurrent.ExecutionException e) {
			err.println(info.getTitle() + " failed: " + e.getCause());
			return 1;
		}
		if (module instanceof Cancelable c && c.isCanceled()) {
			err.println(info.getTitle() + " was canceled: " + c.getCancelReason());
			return 2;
		}
		print(module, out);
		if (saveTo != null) {
			try {
				OutputFiles.save(module, saveTo, out);
			}
			catch (IOException e) {
				err.println("Cannot save the outputs in " + saveTo + ": " + e.getMessage()
					+ ". Choose a folder you can write to.");
				return 1;
			}
		}
		return 0;
	}

	/** The inputs a user gives (not services or the Context), in the command's order. */
	private static List<String> inputNames(CommandInfo info) {
		List<String> out = new ArrayList<>();
		for (ModuleItem<?> item : info.inputs()) {
			if (!Service.class.isAssignableFrom(item.getType()) && !Context.class.isAssignableFrom(
				item.getType()))
			{
				out.add(item.getName());
			}
		}
		return out;
	}

	/** The commands under Plugins &gt; CSRA, in the CommandService's order. */
	private static List<CommandInfo> csraCommands(CommandService commands) {
		return commands.getCommands().stream().filter(i -> i.getMenuPath() != null && i
			.getMenuPath().getMenuString().replace(" > ", ">").startsWith(CSRA_MENU)).toList();
	}

	private static CommandInfo find(CommandService commands, String labelOrClass) {
		for (CommandInfo info : commands.getCommands()) {
			if (labelOrClass.equals(info.getTitle()) || labelOrClass.equals(info.getClassName())) {
				return info;
			}
		}
		return null;
	}

	/**
	 * Opens an image file as ImageJ does. ImageJ prints its own error for a file it cannot
	 * read to System.out (headless it has no dialog); that text is held back here, since the
	 * caller says in one line what failed, and passed on when the file did open.
	 *
	 * @return the image, or null
	 */
	private static ImagePlus open(String path) {
		if (!Files.isRegularFile(Path.of(path))) return null;
		PrintStream stdout = System.out;
		ByteArrayOutputStream held = new ByteArrayOutputStream();
		ImagePlus imp = null;
		try {
			System.setOut(new PrintStream(held, true, StandardCharsets.UTF_8));
			imp = IJ.openImage(path);
		}
		catch (RuntimeException e) {
			imp = null; // a damaged file: said in one line by the caller
		}
		finally {
			System.setOut(stdout);
		}
		if (imp != null) {
			stdout.print(held.toString(StandardCharsets.UTF_8));
		}
		return imp;
	}

	private static void print(Module module, PrintStream out) {
		module.getOutputs().forEach((name, value) -> {
			if (value instanceof ResultsTable rt) {
				out.println(rt.getColumnHeadings().stripTrailing());
				for (int row = 0; row < rt.size(); row++) {
					out.println(rt.getRowAsString(row));
				}
			}
			else {
				out.println(name + " = " + value);
			}
		});
	}
}
