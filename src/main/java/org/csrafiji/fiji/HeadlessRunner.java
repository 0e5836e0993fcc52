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
 * anything else as {@code name = value}.</li>
 * </ul>
 * Exit status: 0 after a successful run (or a list alone), 1 for unusable arguments or an
 * unknown command, 2 when the command canceled itself (its reason on stderr).
 */
public final class HeadlessRunner {

	private static final String CSRA_MENU = "Plugins>CSRA>";

	private HeadlessRunner() {}

	/** @param args see the class description */
	public static void main(String[] args) {
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
		List<String> rest = new ArrayList<>(List.of(args));
		CommandService commands = context.service(CommandService.class);
		if (!rest.isEmpty() && rest.get(0).equals("--list")) {
			rest.remove(0);
			for (CommandInfo info : csraCommands(commands)) {
				System.out.println(info.getTitle() + "\t" + info.getClassName());
			}
			if (rest.isEmpty()) return 0;
		}
		if (rest.isEmpty()) {
			System.err.println("Give a command's label (e.g. \"CSRA Classify\") and key=value inputs, "
				+ "or --list.");
			return 1;
		}
		CommandInfo info = find(commands, rest.get(0));
		if (info == null) {
			System.err.println("No command is labelled or named '" + rest.get(0) + "'. CSRA commands: "
				+ String.join(", ", csraCommands(commands).stream().map(CommandInfo::getTitle).toList()));
			return 1;
		}
		Map<String, Object> inputs = new LinkedHashMap<>();
		for (String pair : rest.subList(1, rest.size())) {
			int eq = pair.indexOf('=');
			if (eq <= 0) {
				System.err.println("'" + pair + "' is not key=value.");
				return 1;
			}
			String key = pair.substring(0, eq);
			inputs.put(key, value(info.getInput(key), pair.substring(eq + 1)));
		}
		ModuleService modules = context.service(ModuleService.class);
		Module module = modules.createModule(info);
		for (ModuleItem<?> item : info.inputs()) {
			boolean injected = Service.class.isAssignableFrom(item.getType())
				|| Context.class.isAssignableFrom(item.getType());
			if (!injected && !inputs.containsKey(item.getName())) module.resolveInput(item.getName());
		}
		try {
			module = modules.run(module, true, inputs).get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			System.err.println(info.getTitle() + " was interrupted.");
			return 1;
		}
		catch (java.util.concurrent.ExecutionException e) {
			System.err.println(info.getTitle() + " failed: " + e.getCause());
			return 1;
		}
		if (module instanceof Cancelable c && c.isCanceled()) {
			System.err.println(info.getTitle() + " was canceled: " + c.getCancelReason());
			return 2;
		}
		print(module);
		return 0;
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

	/** An ImagePlus input is opened from the file named; other values SciJava converts. */
	private static Object value(ModuleItem<?> item, String text) {
		if (item != null && ImagePlus.class.equals(item.getType())) {
			ImagePlus imp = IJ.openImage(text);
			if (imp == null) throw new IllegalArgumentException("ImageJ cannot open " + text);
			return imp;
		}
		return text;
	}

	private static void print(Module module) {
		module.getOutputs().forEach((name, value) -> {
			if (value instanceof ResultsTable rt) {
				System.out.println(rt.getColumnHeadings().stripTrailing());
				for (int row = 0; row < rt.size(); row++) {
					System.out.println(rt.getRowAsString(row));
				}
			}
			else {
				System.out.println(name + " = " + value);
			}
		});
	}
}
