package org.csrafiji.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;

import java.util.ArrayList;
import java.util.List;

import org.csrafiji.core.CheckpointException;
import org.csrafiji.core.Setting;
import org.csrafiji.fiji.command.ClassifyCommand;
import org.junit.jupiter.api.Test;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;

/** Fiji words a setting's remedy as the field of the dialog the user filled in, if it has one. */
class DialogWordingTest extends ContextTestBase {

	@Test
	void namesTheFieldOnlyWhenTheDialogHasIt() {
		CheckpointException e = new CheckpointException("Set the number of heads to 2.",
			Setting.HEADS, "1", null);
		assertEquals("Set the number of heads to 2. (dialog field: CSRA heads)", DialogWording
			.message(e, List.of("Epochs", "CSRA heads")));
		assertEquals("Set the number of heads to 2.", DialogWording.message(e, List.of("Model")));
	}

	@Test
	void aClassifyFailureNamesNoOptionAndNoFieldClassifyLacks() throws Exception {
		Ran m = FijiFixtures.run(ctx, ClassifyCommand.class, "image", FijiFixtures.image(
			ImagePlus.GRAY8, 64, 64, 1, 1), "model_file", FijiFixtures.spec("wrong_classes.json"));
		String reason = m.getCancelReason();
		assertTrue(m.isCanceled() && reason.contains("3 class names"), reason);
		// The exception names the class list; Classify's dialog has no such field.
		assertFalse(reason.contains("--") || reason.contains("dialog field"), reason);
	}

	@Test
	void everyNamedFieldIsOnARealCsraDialog() {
		List<String> labels = new ArrayList<>();
		for (CommandInfo info : ctx.service(CommandService.class).getCommands()) {
			if (info.getClassName().startsWith("org.csrafiji.")) {
				for (ModuleItem<?> item : info.inputs()) {
					labels.add(item.getLabel());
				}
			}
		}
		for (Setting s : Setting.values()) {
			DialogWording.field(s).ifPresent(f -> assertTrue(labels.stream().anyMatch(l -> l != null
				&& l.startsWith(f)), f + " is no field label of a CSRA command: " + labels));
		}
	}
}
