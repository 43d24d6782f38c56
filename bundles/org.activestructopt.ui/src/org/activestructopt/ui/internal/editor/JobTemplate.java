package org.activestructopt.ui.internal.editor;

import java.net.URL;
import java.util.Objects;

/**
 * A job file offered by the New Job command, contributed through the extension point
 * {@code org.activestructopt.ui.jobTemplates}.
 *
 * @param name        shown in the list, e.g. "PDF refinement (least squares)"
 * @param description one or two sentences on when to use it
 * @param contributor symbolic name of the contributing bundle
 * @param url         the template job file inside the contributing bundle
 */
public record JobTemplate(String name, String description, String contributor, URL url) {

    public JobTemplate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(contributor, "contributor");
        Objects.requireNonNull(url, "url");
    }
}
