package org.csrafiji.render;

import ij.measure.ResultsTable;

import java.awt.GraphicsEnvironment;

/**
 * Where the "CSRA Results" table lives: with a UI, the table of the window of that name when
 * one is open (a closed window starts a new table, as ImageJ's own tables do); headless, one
 * table kept for the Context's lifetime, so rows append across runs. Other tables are never
 * touched.
 */
public final class ResultsTables {

	/** The title of the table (and its window). */
	public static final String TITLE = "CSRA Results";

	private ResultsTable held;
	private boolean shown;

	/** @return the table the next rows go into */
	public synchronized ResultsTable current() {
		if (hasUi()) {
			ResultsTable open = ResultsTable.getResultsTable(TITLE);
			if (open != null) {
				held = open;
				return held;
			}
			if (shown) {
				held = null; // the user closed the window: start afresh
				shown = false;
			}
		}
		if (held == null) {
			held = new ResultsTable();
		}
		return held;
	}

	/** Shows (or refreshes) the table's window when there is a UI. */
	public synchronized void show() {
		if (hasUi() && held != null) {
			held.show(TITLE);
			shown = true;
		}
	}

	/** @return whether windows can be shown */
	public static boolean hasUi() {
		return !GraphicsEnvironment.isHeadless();
	}
}
