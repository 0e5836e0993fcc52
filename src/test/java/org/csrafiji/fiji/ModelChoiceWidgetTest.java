package org.csrafiji.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;

import javax.swing.JPanel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;
import org.scijava.widget.AbstractInputPanel;
import org.scijava.widget.InputWidget;
import org.scijava.widget.WidgetModel;
import org.scijava.widget.WidgetService;

/**
 * The dialog's Model list: SciJava's WidgetService gives the {@code model} input of every
 * command that has one the {@link ModelChoiceWidget} in a Swing panel (as Fiji's input
 * harvester asks for it), listing the installed specs and "other file"; the input itself stays
 * plain text, so any name passes through macros and scripts.
 */
class ModelChoiceWidgetTest {

	private static Context ctx;

	@BeforeAll
	static void start() {
		ctx = new Context(CommandService.class, WidgetService.class,
			org.scijava.app.StatusService.class,
			CsraService.class);
	}

	@AfterAll
	static void stop() {
		ctx.dispose();
	}

	/** A panel of JPanels, what the Swing input harvester fills. */
	private static final class SwingLikePanel extends AbstractInputPanel<JPanel, JPanel> {

		@Override
		public Class<JPanel> getWidgetComponentType() {
			return JPanel.class;
		}

		@Override
		public JPanel getComponent() {
			return new JPanel();
		}

		@Override
		public Class<JPanel> getComponentType() {
			return JPanel.class;
		}
	}

	private static InputWidget<?, ?> widgetFor(String title) throws Exception {
		CommandInfo info = FijiFixtures.command(ctx, title);
		Module module = ctx.service(ModuleService.class).createModule(info);
		module.setInput("model", "other file");
		WidgetService widgets = ctx.service(WidgetService.class);
		WidgetModel model = widgets.createModel(new SwingLikePanel(), module,
			info.getInput("model"),
			List.of());
		return widgets.create(model);
	}

	@Test
	void everyModelInputGetsTheListOfInstalledSpecs() throws Exception {
		for (String title : List.of("CSRA Classify", "CSRA Attention Map", "CSRA Batch Classify",
			"CSRA Evaluate"))
		{
			InputWidget<?, ?> w = widgetFor(title);
			assertNotNull(w, title);
			ModelChoiceWidget list = assertInstanceOf(ModelChoiceWidget.class, w, title);
			assertEquals(InstalledModels.find().choices(), list.choices(), title);
			assertEquals(InstalledModels.FILE_CHOICE, list.getValue());
		}
		CommandInfo info = FijiFixtures.command(ctx, "CSRA Classify");
		assertEquals(null, info.getInput("model").getChoices(), "the input is plain text");
	}

	@Test
	void otherPanelsGetTheirTextWidget() throws Exception {
		CommandInfo info = FijiFixtures.command(ctx, "CSRA Classify");
		Module module = ctx.service(ModuleService.class).createModule(info);
		WidgetModel model = ctx.service(WidgetService.class).createModel(
			new AbstractInputPanel<String, String>() {

				@Override
				public Class<String> getWidgetComponentType() {
					return String.class;
				}

				@Override
				public String getComponent() {
					return "";
				}

				@Override
				public Class<String> getComponentType() {
					return String.class;
				}
			}, module, info.getInput("model"), List.of());
		assertFalse(new ModelChoiceWidget().supports(model));
	}
}
