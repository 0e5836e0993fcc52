package org.csrafiji.fiji;

import java.util.ArrayList;
import java.util.List;

import javax.swing.JComboBox;
import javax.swing.JPanel;

import org.scijava.Priority;
import org.scijava.plugin.Plugin;
import org.scijava.widget.AbstractInputWidget;
import org.scijava.widget.InputWidget;
import org.scijava.widget.WidgetModel;

/**
 * The dialog's list of models: a drop-down of the specs installed now (read when the dialog
 * opens) and {@value InstalledModels#FILE_CHOICE}, for a String input of style
 * {@value #STYLE}.
 * <p>
 * The commands are ContextCommands, whose inputs cannot change their choices at run time;
 * so the input itself is plain text (a macro or script passes any name, checked when the
 * command runs) and only the Swing dialog offers the list. The widget takes part only in
 * panels made of JPanels (Fiji's Swing input harvester); other front ends show their text
 * widget.
 */
@Plugin(type = InputWidget.class, priority = Priority.HIGH)
public class ModelChoiceWidget extends AbstractInputWidget<String, JPanel> {

	/** The widget style that asks for this widget. */
	public static final String STYLE = "csra.model";

	private JPanel panel;
	private JComboBox<String> combo;

	@Override
	public boolean supports(WidgetModel model) {
		return super.supports(model) && model.isStyle(STYLE) && model.isType(String.class);
	}

	@Override
	public void set(WidgetModel model) {
		super.set(model);
		combo = new JComboBox<>();
		for (String c : InstalledModels.find().choices()) {
			combo.addItem(c);
		}
		combo.addActionListener(e -> updateModel());
		panel = new JPanel();
		panel.add(combo);
		refreshWidget();
	}

	@Override
	public String getValue() {
		Object v = combo.getSelectedItem();
		return v == null ? InstalledModels.FILE_CHOICE : v.toString();
	}

	@Override
	public void refreshWidget() {
		Object v = get().getValue();
		String value = v == null || v.toString().isBlank()
			? InstalledModels.FILE_CHOICE
			: v
				.toString();
		if (!choices().contains(value)) {
			combo.addItem(value); // a name given by a caller stays visible, though not installed
		}
		if (!value.equals(combo.getSelectedItem())) {
			combo.setSelectedItem(value);
		}
	}

	/** @return the names the list offers */
	public List<String> choices() {
		List<String> out = new ArrayList<>();
		for (int i = 0; i < combo.getItemCount(); i++) {
			out.add(combo.getItemAt(i));
		}
		return out;
	}

	@Override
	public JPanel getComponent() {
		return panel;
	}

	@Override
	public Class<JPanel> getComponentType() {
		return JPanel.class;
	}
}
