package org.activestructopt.ui.internal.editor;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.activestructopt.refinement.internal.JobResource;
import org.activestructopt.refinement.internal.ModelFeatures;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.JobFormatException;
import org.activestructopt.ui.AsoUi;
import org.activestructopt.ui.internal.preferences.UiPreferences;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.osgi.framework.Bundle;

/**
 * Reads the contributions to the extension point {@value AsoUi#JOB_TEMPLATES_EXTENSION_POINT} (see
 * {@code schema/jobTemplates.exsd}) and makes new job files from them. A contribution whose file is missing from its
 * bundle is logged, naming the bundle and the file, and left out.
 */
public final class JobTemplates {

    private JobTemplates() {
    }

    /** @return the contributed templates, in the registry's order */
    public static List<JobTemplate> all() {
        List<JobTemplate> out = new ArrayList<>();
        for (IConfigurationElement e : Platform.getExtensionRegistry()
                .getConfigurationElementsFor(AsoUi.JOB_TEMPLATES_EXTENSION_POINT)) {
            String contributor = e.getContributor().getName();
            String name = e.getAttribute("name");
            String file = e.getAttribute("file");
            Bundle bundle = Platform.getBundle(contributor);
            URL url = bundle == null || file == null ? null : bundle.getEntry(file);
            if (name == null || name.isBlank() || url == null) {
                ILog.of(JobTemplates.class).log(new Status(IStatus.WARNING, AsoUi.PLUGIN_ID, "Job template of "
                        + contributor + " ignored: " + (name == null || name.isBlank() ? "attribute name is missing"
                                : "no file '" + file + "' in the bundle")));
                continue;
            }
            String description = e.getAttribute("description");
            out.add(new JobTemplate(name.strip(), description == null ? "" : description.strip(), contributor, url));
        }
        return out;
    }

    /**
     * Writes a new job file from a template and checks that it reads as a job (its rules need not hold yet: a
     * template leaves the files to the user).
     *
     * @throws JobFormatException if the template is not a job file (a broken contribution)
     */
    public static void create(JobTemplate template, Path target) throws IOException, JobFormatException {
        try (InputStream in = template.url().openStream()) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        Job job;
        try {
            job = Job.of(JobResource.load(target, ModelFeatures.eClass("Job")));
        } catch (JobFormatException e) {
            Files.deleteIfExists(target);
            throw e;
        }
        if (applySurrogateDefaults(job)) {
            job.saveAs(target);
        }
    }

    /**
     * Fills in the preference's default surrogate settings that the job does not set itself.
     *
     * @return whether the job changed
     */
    static boolean applySurrogateDefaults(Job job) {
        boolean changed = false;
        for (Map.Entry<String, String> e : UiPreferences.surrogateDefaults().entrySet()) {
            if (!job.surrogate().settings().containsKey(e.getKey())) {
                job.surrogate().setSetting(e.getKey(), e.getValue());
                changed = true;
            }
        }
        return changed;
    }

    /** Writes an empty job (every section at its defaults, no objective yet, the preference's surrogate settings). */
    public static void createEmpty(Path target) throws IOException {
        Job job = Job.create();
        applySurrogateDefaults(job);
        job.saveAs(target);
    }
}
