package org.activestructopt.ui.internal.conventions;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.ui.AsoUi;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;

/**
 * Reads the contributions to the extension point {@value AsoUi#PLOT_CONVENTIONS_EXTENSION_POINT} (see
 * {@code schema/plotConventions.exsd}). A convention for a simulator wins over one for the spectrum kind it
 * produces; without either, plots label axes with the names and units the spectra carry. A malformed contribution
 * is logged once, naming its bundle and the attribute at fault, and ignored.
 */
public final class PlotConventions {

    private static final PlotConventions INSTANCE = new PlotConventions();

    private final Set<String> reported = new HashSet<>();

    private PlotConventions() {
    }

    /** @return the conventions of the running platform */
    public static PlotConventions get() {
        return INSTANCE;
    }

    /** @return every well-formed contribution, in the registry's order */
    public synchronized List<PlotConvention> all() {
        List<PlotConvention> out = new ArrayList<>();
        if (Platform.getExtensionRegistry() == null) {
            return out;
        }
        for (IConfigurationElement e : Platform.getExtensionRegistry()
                .getConfigurationElementsFor(AsoUi.PLOT_CONVENTIONS_EXTENSION_POINT)) {
            try {
                out.add(parse(e));
            } catch (IllegalArgumentException ex) {
                String contributor = e.getContributor().getName();
                if (reported.add(contributor + ": " + ex.getMessage())) {
                    ILog.of(PlotConventions.class).log(new Status(IStatus.WARNING, AsoUi.PLUGIN_ID, "Plot convention of "
                            + contributor + " ignored: " + ex.getMessage()));
                }
            }
        }
        return out;
    }

    /**
     * @param simulator the simulator that made the spectra, or null
     * @param kind      their kind, or null
     * @return the convention for the simulator, else the one for the kind
     */
    public Optional<PlotConvention> find(String simulator, SpectrumKind kind) {
        List<PlotConvention> all = all();
        if (simulator != null) {
            for (PlotConvention c : all) {
                if (c.simulator().filter(simulator::equals).isPresent()) {
                    return Optional.of(c);
                }
            }
        }
        if (kind != null) {
            for (PlotConvention c : all) {
                if (c.simulator().isEmpty() && c.kind().filter(kind::equals).isPresent()) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    static PlotConvention parse(IConfigurationElement e) {
        if (!"convention".equals(e.getName())) {
            throw new IllegalArgumentException("unknown element <" + e.getName() + ">, expected <convention>");
        }
        Optional<String> simulator = optional(e, "simulator");
        Optional<SpectrumKind> kind = optional(e, "kind").map(k -> {
            try {
                return SpectrumKind.valueOf(k.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("kind '" + k + "' is not one of PDF, EXAFS, XANES, OTHER", ex);
            }
        });
        if (simulator.isEmpty() && kind.isEmpty()) {
            throw new IllegalArgumentException("give the attribute simulator or kind");
        }
        return new PlotConvention(simulator, kind, required(e, "xName"), optional(e, "xUnits").orElse(""),
                required(e, "yName"), optional(e, "yUnits").orElse(""), e.getContributor().getName());
    }

    private static Optional<String> optional(IConfigurationElement e, String attribute) {
        String v = e.getAttribute(attribute);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    private static String required(IConfigurationElement e, String attribute) {
        return optional(e, attribute).orElseThrow(() -> new IllegalArgumentException("attribute " + attribute
                + " is missing"));
    }
}
