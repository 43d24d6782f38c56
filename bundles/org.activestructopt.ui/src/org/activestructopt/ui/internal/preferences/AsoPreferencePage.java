package org.activestructopt.ui.internal.preferences;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.activestructopt.api.SurrogateRegistry;

import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.prefs.BackingStoreException;

/**
 * ActiveStructOpt preferences: the FEFF executable, how many simulations run at once, where runs are stored and the
 * surrogate settings new jobs start with (see
 * {@link UiPreferences} for where each is kept). A FEFF path that does not (yet) exist is a warning, not an error:
 * FEFF may be installed later or live on a mounted disk.
 */
public final class AsoPreferencePage extends PreferencePage implements IWorkbenchPreferencePage {

    /** The surrogate of a new job (the model's default), whose schema checks the defaults typed here. */
    static final String DEFAULT_SURROGATE = "gnn";

    private Text feff;
    private Spinner threads;
    private Text runs;
    private Text surrogate;
    /** The surrogate services, whose schemas check the defaults as they are typed; null outside OSGi. */
    private SurrogateRegistry surrogates;

    public AsoPreferencePage() {
        setDescription("Settings for structure refinement runs started from the workbench.");
    }

    @Override
    public void init(IWorkbench workbench) {
        // the values are read in createContents; the surrogate services are tracked while the page lives
        Bundle bundle = FrameworkUtil.getBundle(AsoPreferencePage.class);
        if (bundle != null && bundle.getBundleContext() != null) {
            surrogates = SurrogateRegistry.open(bundle.getBundleContext());
        }
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(c);

        new Label(c, SWT.NONE).setText("FEFF executable:");
        feff = new Text(c, SWT.BORDER);
        feff.setMessage("feff8l on the PATH");
        GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(feff);
        Button browseFeff = new Button(c, SWT.PUSH);
        browseFeff.setText("Browse...");
        browseFeff.addListener(SWT.Selection, e -> {
            FileDialog d = new FileDialog(getShell(), SWT.OPEN);
            d.setText("FEFF Executable");
            String f = d.open();
            if (f != null) {
                feff.setText(f);
            }
        });
        Label feffHint = new Label(c, SWT.WRAP);
        feffHint.setText("Empty: feff8l from the PATH. The system property aso.feff.executable overrides this.");
        GridDataFactory.fillDefaults().span(3, 1).indent(0, 0).applyTo(feffHint);

        new Label(c, SWT.NONE).setText("Parallel simulations:");
        threads = new Spinner(c, SWT.BORDER);
        threads.setValues(UiPreferences.threads(), 1, UiPreferences.MAX_THREADS, 0, 1, 4);
        GridDataFactory.fillDefaults().span(2, 1).align(SWT.BEGINNING, SWT.CENTER).applyTo(threads);

        new Label(c, SWT.NONE).setText("Run directory:");
        runs = new Text(c, SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(runs);
        Button browseRuns = new Button(c, SWT.PUSH);
        browseRuns.setText("Browse...");
        browseRuns.addListener(SWT.Selection, e -> {
            DirectoryDialog d = new DirectoryDialog(getShell());
            d.setText("Run Directory");
            String f = d.open();
            if (f != null) {
                runs.setText(f);
            }
        });

        new Label(c, SWT.NONE).setText("Surrogate defaults:");
        surrogate = new Text(c, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL);
        surrogate.setMessage("e.g. epochs=200, features=16");
        surrogate.setToolTipText("Settings of the default surrogate (" + DEFAULT_SURROGATE + ") that new jobs start "
                + "with, name=value separated by commas or lines; a job template's own settings win");
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).hint(300, 48).applyTo(surrogate);

        feff.setText(UiPreferences.feffExecutable().orElse(""));
        surrogate.setText(UiPreferences.surrogateDefaultsText());
        surrogate.addModifyListener(e -> validate());
        runs.setText(UiPreferences.runsDirectory().toString());
        feff.addModifyListener(e -> validate());
        runs.addModifyListener(e -> validate());
        validate();
        return c;
    }

    /** Errors block OK (a run directory that is not an absolute path or is a file); doubts only warn. */
    void validate() {
        String error = null;
        String warning = null;
        String r = runs.getText().strip();
        try {
            Path p = Path.of(r);
            if (r.isEmpty() || !p.isAbsolute()) {
                error = "The run directory must be an absolute path.";
            } else if (Files.exists(p) && !Files.isDirectory(p)) {
                error = "The run directory " + p + " is a file.";
            } else if (!Files.exists(p)) {
                warning = "The run directory does not exist yet; the first run creates it.";
            }
        } catch (InvalidPathException e) {
            error = "The run directory is not a valid path: " + e.getReason();
        }
        String f = feff.getText().strip();
        if (error == null && !f.isEmpty() && f.contains("/")) {
            try {
                Path p = Path.of(f);
                if (!Files.isRegularFile(p)) {
                    warning = "No file " + p + " (FEFF runs will fail until it exists).";
                } else if (!Files.isExecutable(p)) {
                    warning = p + " is not executable.";
                }
            } catch (InvalidPathException e) {
                error = "The FEFF executable is not a valid path: " + e.getReason();
            }
        }
        if (error == null) {
            error = surrogateProblem(surrogate.getText()).orElse(null);
        }
        setErrorMessage(error);
        setMessage(warning, warning == null ? IMessageProvider.NONE : IMessageProvider.WARNING);
        setValid(error == null);
    }

    /** @return why the surrogate defaults cannot be used: syntax, or a name or value the surrogate's schema refuses */
    private Optional<String> surrogateProblem(String text) {
        Map<String, String> values;
        try {
            values = UiPreferences.parseSettings(text);
        } catch (IllegalArgumentException e) {
            return Optional.of("Surrogate defaults: " + e.getMessage());
        }
        if (values.isEmpty() || surrogates == null) {
            return Optional.empty();
        }
        return surrogates.find(DEFAULT_SURROGATE).flatMap(f -> {
            try {
                f.descriptor().settings().parse(values);
                return Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.of("Surrogate defaults: " + e.getMessage());
            }
        });
    }

    @Override
    public void dispose() {
        if (surrogates != null) {
            surrogates.close();
        }
        super.dispose();
    }

    @Override
    protected void performDefaults() {
        surrogate.setText("");
        feff.setText("");
        threads.setSelection(UiPreferences.defaultThreads());
        runs.setText(UiPreferences.defaultRunsDirectory().toString());
        super.performDefaults();
    }

    @Override
    public boolean performOk() {
        try {
            UiPreferences.store(feff.getText(), threads.getSelection(), Path.of(runs.getText().strip()));
            UiPreferences.storeSurrogateDefaults(surrogate.getText());
            return true;
        } catch (BackingStoreException | RuntimeException e) {
            setErrorMessage("Cannot save the preferences: " + e.getMessage());
            return false;
        }
    }

    /** Test access: the widgets. */
    Text feffText() {
        return feff;
    }

    Spinner threadsSpinner() {
        return threads;
    }

    Text runsText() {
        return runs;
    }

    Text surrogateText() {
        return surrogate;
    }
}
