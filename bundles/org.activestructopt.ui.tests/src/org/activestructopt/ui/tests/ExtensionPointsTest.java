package org.activestructopt.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.ui.AsoUi;
import org.activestructopt.ui.internal.conventions.PlotConvention;
import org.activestructopt.ui.internal.conventions.PlotConventions;
import org.activestructopt.ui.internal.editor.JobTemplate;
import org.activestructopt.ui.internal.editor.JobTemplates;
import org.eclipse.core.runtime.IExtensionPoint;
import org.eclipse.core.runtime.Platform;
import org.junit.jupiter.api.Test;

/** The extension points are declared with their schemas and the UI reads the contributions. */
class ExtensionPointsTest {

    @Test
    void bothExtensionPointsAreDeclaredWithASchema() {
        for (String id : List.of(AsoUi.PLOT_CONVENTIONS_EXTENSION_POINT, AsoUi.JOB_TEMPLATES_EXTENSION_POINT)) {
            IExtensionPoint p = Platform.getExtensionRegistry().getExtensionPoint(id);
            assertTrue(p != null, id + " declared");
            assertTrue(p.getSchemaReference().startsWith("schema/"), p.getSchemaReference());
            assertTrue(Platform.getBundle(AsoUi.PLUGIN_ID).getEntry(p.getSchemaReference()) != null,
                    "the schema " + p.getSchemaReference() + " ships in the bundle");
        }
    }

    @Test
    void kindConventionsOfTheWorkbenchAreFoundAndASimulatorConventionWouldWin() {
        PlotConvention exafs = PlotConventions.get().find(null, SpectrumKind.EXAFS).orElseThrow();
        assertEquals("χ(k)", exafs.yName());
        assertEquals("angstrom^-1", exafs.xUnits());
        assertEquals(AsoUi.PLUGIN_ID, exafs.contributor());
        // no convention names the simulator "pdf": its kind's convention applies
        assertEquals(Optional.of("G(r)"), PlotConventions.get().find("pdf", SpectrumKind.PDF).map(
                PlotConvention::yName));
        assertEquals(Optional.empty(), PlotConventions.get().find("no-such-simulator", SpectrumKind.OTHER));
    }

    @Test
    void theWorkbenchTemplatesAreListed() {
        List<String> names = JobTemplates.all().stream().filter(t -> t.contributor().equals(AsoUi.PLUGIN_ID))
                .map(JobTemplate::name).toList();
        assertEquals(List.of("PDF refinement (least squares)", "PDF refinement (active learning)",
                "EXAFS refinement with FEFF (active learning)"), names);
    }
}
