package org.csrafiji.fiji;

import java.awt.BorderLayout;
import java.awt.event.KeyEvent;

import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;

/**
 * A small progress window with a Cancel button for long runs in Fiji's GUI (a stack, a batch,
 * an evaluation): it appears at the first report of a run of more than one step and goes away
 * when the run ends. Cancel (or Esc while the window has the focus) asks the run to stop after
 * the step under way; what is complete is kept. Only for use with a UI.
 */
public final class CancelWindow implements ProgressSink {

	private final String title;
	private volatile boolean cancelled;
	private JDialog dialog;
	private JLabel label;
	private JProgressBar bar;
	private JButton cancel;

	/** @param title the window's title, e.g. the command's name */
	public CancelWindow(String title) {
		this.title = title;
	}

	@Override
	public void progress(int done, int total, String message) {
		if (total <= 1) {
			return;
		}
		SwingUtilities.invokeLater(() -> {
			if (dialog == null) {
				build();
			}
			if (!cancelled) {
				label.setText(message);
			}
			bar.setMaximum(total);
			bar.setValue(done);
			bar.setString(done + " / " + total);
		});
	}

	@Override
	public boolean cancelRequested() {
		return cancelled;
	}

	@Override
	public void close() {
		SwingUtilities.invokeLater(() -> {
			if (dialog != null) {
				dialog.dispose();
				dialog = null;
			}
		});
	}

	private void build() {
		dialog = new JDialog((java.awt.Frame) null, title, false);
		dialog.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
		label = new JLabel(" ");
		bar = new JProgressBar();
		bar.setStringPainted(true);
		cancel = new JButton("Cancel");
		cancel.addActionListener(e -> requestStop());
		JPanel p = new JPanel(new BorderLayout(8, 8));
		p.setBorder(BorderFactory.createEmptyBorder(10, 10, 10, 10));
		p.add(label, BorderLayout.NORTH);
		p.add(bar, BorderLayout.CENTER);
		p.add(cancel, BorderLayout.EAST);
		p.getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(KeyStroke.getKeyStroke(
			KeyEvent.VK_ESCAPE, 0), "csra-cancel");
		p.getActionMap().put("csra-cancel", new javax.swing.AbstractAction() {

			@Override
			public void actionPerformed(java.awt.event.ActionEvent e) {
				requestStop();
			}
		});
		dialog.setContentPane(p);
		dialog.setSize(460, 110);
		dialog.setLocationByPlatform(true);
		dialog.setVisible(true);
	}

	private void requestStop() {
		cancelled = true;
		cancel.setEnabled(false);
		label.setText("Stopping after the current step; what is done is kept...");
	}
}
