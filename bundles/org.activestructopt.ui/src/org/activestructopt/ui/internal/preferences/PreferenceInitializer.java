package org.activestructopt.ui.internal.preferences;

import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;

/** Default threads (number of processors) and run directory (~/ActiveStructOpt/runs). */
public final class PreferenceInitializer extends AbstractPreferenceInitializer {

    @Override
    public void initializeDefaultPreferences() {
        UiPreferences.initializeDefaults();
    }
}
