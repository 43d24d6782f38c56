package org.activestructopt.surrogate.gnn.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

import org.activestructopt.api.Settings;
import org.activestructopt.api.Surrogate;
import org.activestructopt.api.SurrogateDescriptor;
import org.activestructopt.api.SurrogateFactory;
import org.activestructopt.spectra.Grid;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.surrogate.gnn.GnnSettings;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code gnn} surrogate factory, registered by Declarative Services. PyTorch starts on the first
 * {@link #create}/{@link #load}, not when the service is registered, so listing surrogates stays cheap.
 */
@Component(service = SurrogateFactory.class, property = SurrogateFactory.NAME_PROPERTY + "=" + GnnSettings.NAME)
public final class GnnSurrogateFactory implements SurrogateFactory {

    private static final SurrogateDescriptor DESCRIPTOR = new SurrogateDescriptor(GnnSettings.NAME,
            "k-fold ensemble of SchNet-type graph networks with calibrated uncertainty (DJL/PyTorch, CPU)",
            GnnSettings.SCHEMA);

    @Override
    public SurrogateDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Surrogate create(SpectrumKind kind, Grid grid, Settings settings) {
        Objects.requireNonNull(settings, "settings");
        return new GnnSurrogate(kind, grid, settings);
    }

    @Override
    public Surrogate load(Path directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        var lock = TorchRuntime.computeLock();
        lock.lock();
        try {
            return GnnStore.load(directory);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "GnnSurrogateFactory[" + GnnSettings.NAME + "]";
    }
}
