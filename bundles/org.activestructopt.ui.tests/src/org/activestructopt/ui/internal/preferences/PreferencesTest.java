package org.activestructopt.ui.internal.preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.activestructopt.simulation.feff.FeffExecutable;
import org.activestructopt.ui.AsoUi;
import org.activestructopt.ui.tests.Ui;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreferencesTest {

    @AfterEach
    void restoreDefaults() throws Exception {
        UiPreferences.store("", UiPreferences.defaultThreads(), UiPreferences.defaultRunsDirectory());
        UiPreferences.storeSurrogateDefaults("");
    }

    /** Opens Window > Preferences on our page, without blocking. */
    private static PreferenceDialog openDialog() {
        PreferenceDialog dialog = PreferencesUtil.createPreferenceDialogOn(
                PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), AsoUi.PREFERENCE_PAGE_ID,
                new String[] {AsoUi.PREFERENCE_PAGE_ID}, null);
        dialog.setBlockOnOpen(false);
        dialog.open();
        return dialog;
    }

    @Test
    void feffPreferenceIsStoredWhereTheFeffSimulatorReadsIt() {
        assertEquals(FeffExecutable.PREFERENCE_NODE, UiPreferences.FEFF_NODE);
        assertEquals(FeffExecutable.PREFERENCE_KEY, UiPreferences.FEFF_KEY);
        assertEquals("aso.feff.executable", FeffExecutable.PROPERTY, "the property that overrides it");
    }

    @Test
    void okOnThePageStoresAllThreeInInstanceScopeAndFeffFindsTheExecutable(@TempDir Path tmp) throws Exception {
        Path feff = Files.createFile(tmp.resolve("feff8l"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path runs = tmp.resolve("runs");
        PreferenceDialog dialog = openDialog();
        try {
            AsoPreferencePage page = (AsoPreferencePage) dialog.getSelectedPage();
            assertEquals(UiPreferences.defaultThreads(), page.threadsSpinner().getSelection());
            assertEquals(UiPreferences.defaultRunsDirectory().toString(), page.runsText().getText());
            page.feffText().setText(feff.toString());
            page.threadsSpinner().setSelection(3);
            page.runsText().setText(runs.toString());
            assertTrue(page.isValid());
            assertNull(page.getErrorMessage());
            assertTrue(page.getMessage().contains("first run creates it"), page.getMessage());
            Ui.screenshot(dialog.getShell(), "preferences");
            assertTrue(page.performOk());
        } finally {
            dialog.close();
        }
        assertEquals(feff.toString(),
                InstanceScope.INSTANCE.getNode("org.activestructopt.simulation.feff").get("executable", null));
        assertEquals(3, InstanceScope.INSTANCE.getNode(AsoUi.PLUGIN_ID).getInt("threads", -1));
        assertEquals(runs.toString(), InstanceScope.INSTANCE.getNode(AsoUi.PLUGIN_ID).get("runsDirectory", null));
        assertEquals(3, UiPreferences.threads());
        assertEquals(runs, UiPreferences.runsDirectory());
        if (System.getProperty(FeffExecutable.PROPERTY) == null) {
            assertEquals(feff, FeffExecutable.locate("", "auto").path(), "the FEFF simulator uses the preference");
        }
    }

    @Test
    void aRunDirectoryThatIsAFileOrRelativeBlocksOk(@TempDir Path tmp) throws Exception {
        Path file = Files.createFile(tmp.resolve("not-a-dir"));
        PreferenceDialog dialog = openDialog();
        try {
            AsoPreferencePage page = (AsoPreferencePage) dialog.getSelectedPage();
            page.runsText().setText(file.toString());
            assertFalse(page.isValid());
            assertTrue(page.getErrorMessage().contains("is a file"), page.getErrorMessage());
            page.runsText().setText("relative/runs");
            assertFalse(page.isValid());
            page.runsText().setText(tmp.toString());
            assertTrue(page.isValid());
            page.feffText().setText(tmp.resolve("missing/feff").toString());
            assertTrue(page.isValid(), "a missing FEFF only warns");
            assertTrue(page.getMessage().contains("No file"), page.getMessage());
        } finally {
            dialog.close();
        }
    }

    @Test
    void surrogateDefaultsAreCheckedAgainstTheGnnSchemaAndGoIntoNewJobs(@TempDir Path tmp) throws Exception {
        PreferenceDialog dialog = openDialog();
        try {
            AsoPreferencePage page = (AsoPreferencePage) dialog.getSelectedPage();
            page.runsText().setText(tmp.toString());
            page.surrogateText().setText("features 16");
            assertFalse(page.isValid());
            assertTrue(page.getErrorMessage().contains("'features 16' is not name=value"), page.getErrorMessage());
            page.surrogateText().setText("epochs=abc");
            assertFalse(page.isValid());
            assertTrue(page.getErrorMessage().contains("epochs"), page.getErrorMessage());
            page.surrogateText().setText("epoch=200");
            assertFalse(page.isValid(), "a name the gnn surrogate does not declare");
            assertTrue(page.getErrorMessage().contains("epoch"), page.getErrorMessage());
            page.surrogateText().setText("epochs=200,\nfeatures=16");
            assertTrue(page.isValid(), () -> page.getErrorMessage());
            Ui.screenshot(dialog.getShell(), "preferences-surrogate");
            assertTrue(page.performOk());
        } finally {
            dialog.close();
        }
        assertEquals(java.util.Map.of("epochs", "200", "features", "16"), UiPreferences.surrogateDefaults());

        Path empty = tmp.resolve("empty.xmi");
        org.activestructopt.ui.internal.editor.JobTemplates.createEmpty(empty);
        org.activestructopt.refinement.model.Job job = org.activestructopt.refinement.model.Job.of(
                org.activestructopt.refinement.internal.JobResource.load(empty,
                        org.activestructopt.refinement.internal.ModelFeatures.eClass("Job")));
        assertEquals("200", job.surrogate().settings().get("epochs"));
        assertEquals("16", job.surrogate().settings().get("features"));
    }
}
