package org.activestructopt.ui.internal.editor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.activestructopt.api.Settings;
import org.activestructopt.api.Simulator;
import org.activestructopt.api.SimulatorDescriptor;
import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.api.SurrogateFactory;
import org.activestructopt.api.SurrogateRegistry;
import org.activestructopt.refinement.Acquisition;
import org.activestructopt.refinement.RefinementProblem;
import org.activestructopt.refinement.Samplers;
import org.activestructopt.refinement.internal.JobResource;
import org.activestructopt.refinement.internal.ModelFeatures;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.JobFormatException;
import org.activestructopt.refinement.model.JobProblem;
import org.activestructopt.refinement.model.Method;
import org.activestructopt.refinement.model.NuisanceEntry;
import org.activestructopt.refinement.model.Metric;
import org.activestructopt.refinement.model.ModelEnum;
import org.activestructopt.refinement.model.Objective;
import org.activestructopt.refinement.model.PairDistance;
import org.activestructopt.refinement.model.Phase;
import org.activestructopt.refinement.model.SearchProfile;
import org.activestructopt.refinement.model.Variation;
import org.activestructopt.spectra.nexus.NexusSpectra;
import org.activestructopt.spectra.nexus.SpectrumRef;
import org.activestructopt.structure.Element;
import org.activestructopt.structure.Structure;
import org.activestructopt.structure.io.StructureFiles;
import org.activestructopt.ui.internal.BackgroundLoad;
import org.activestructopt.ui.internal.MessageLine;
import org.activestructopt.ui.internal.ProblemReporter;
import org.activestructopt.ui.internal.run.RunLauncher;
import org.activestructopt.ui.internal.spectra.SpectrumChooser;
import org.activestructopt.ui.internal.spectra.Units;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CellEditor;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.EditingSupport;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.TextCellEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IPathEditorInput;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.EditorPart;
import org.osgi.framework.FrameworkUtil;

/**
 * The form editor of a refinement job file ({@code .xmi}): name, method and seed; start and reference structures;
 * the objectives, each a simulator with its settings, its nuisance parameters (refined or fixed, value, bounds; see
 * {@link NuisanceTable}), a weight, a metric and a target (file, dataset chosen from the 1-D spectra of a NeXus file,
 * fit range); the sampler with its settings; the distance constraints; the surrogate
 * and the optimiser of the active method; the settings of the RMC and least-squares baselines; the budget and its
 * phases. Sections a job file leaves out show the model's defaults. The simulator list is whatever simulator services
 * are registered, so a third-party simulator bundle appears here without any change to this editor, with its
 * settings taken from its schema.
 * <p>
 * Problems are listed at the top as the job is edited, each naming the field at fault (the model's rules from
 * {@link Job#validate()}, plus what only the running platform can tell: simulators that are not installed, settings
 * they do not know, files that do not exist). A job with problems can be saved, to be finished later, but not run.
 */
public final class JobEditor extends EditorPart {


    private Job job;
    private Path file;
    private boolean dirty;
    private boolean updating;
    private SimulatorRegistry registry;
    private SpectrumChooser chooser = SpectrumChooser.DIALOG;
    /** Values typed that cannot go into the model (e.g. a seed that is not a number), by field. */
    private final Map<String, String> inputProblems = new LinkedHashMap<>();
    private List<String> problems = List.of();
    /** Texts typed into table cells that are not values, by field: the cell shows them until they are fixed. */
    private final Map<String, String> rejectedCells = new LinkedHashMap<>();
    /** The fields bound to one value of the job, by its path (e.g. rmc/temperature). */
    private final Map<String, Control> fields = new LinkedHashMap<>();
    /** Fill the fields of {@link #fields} from the job. */
    private final List<Runnable> fillers = new ArrayList<>();
    /** Groups that apply to one method only. */
    private final Map<Group, Method> methodGroups = new LinkedHashMap<>();

    private ScrolledComposite scroll;
    private Composite form;
    private Text problemText;
    private Text name;
    private Combo method;
    private Text seed;
    private Combo variation;
    private Text start;
    private Text reference;
    private TableViewer objectives;
    private Composite objectiveDetail;
    private Combo simulator;
    private Label simulatorInfo;
    private Text weight;
    private Combo metric;
    private Text target;
    private Text signal;
    private Text xmin;
    private Text xmax;
    private SettingsTable simulatorSettings;
    private NuisanceTable nuisance;
    private Label nuisanceInfo;
    /** Texts typed into nuisance cells that are not numbers, by field (objectives[0]/nuisance/qdamp/value). */
    private final Map<String, String> rejectedNuisance = new LinkedHashMap<>();
    /** The start structure read for the nuisance rows (the per-element U of its elements), by file state. */
    private Object startKey;
    private Structure startStructure;
    private Combo sampler;
    private SettingsTable samplerSettings;
    private TableViewer pairs;
    private Group surrogateGroup;
    private Combo surrogate;
    private Spinner ensembleSize;
    private Button calibrate;
    private SettingsTable surrogateSettings;
    private SurrogateRegistry surrogates;
    private Spinner simulations;
    private Spinner initial;
    private Spinner calibration;
    private Spinner exploit;
    private Label explore;
    private Button runButton;
    private MessageLine messages;

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof IPathEditorInput p)) {
            throw new PartInitException("The job editor opens job files, not " + input.getName());
        }
        setSite(site);
        setInput(input);
        file = p.getPath().toPath();
        job = read(file);
        setPartName(file.getFileName().toString());
        setTitleToolTip(file.toString());
        registry = SimulatorRegistry.open(FrameworkUtil.getBundle(JobEditor.class).getBundleContext());
        surrogates = SurrogateRegistry.open(FrameworkUtil.getBundle(JobEditor.class).getBundleContext());
    }

    /**
     * Reads a job file without the model's rules (those are shown as problems while editing), but with XML syntax,
     * element and attribute names and value types checked.
     */
    private static Job read(Path file) throws PartInitException {
        try {
            // Job.load would refuse a half-finished job; the editor must open it to let the user finish it.
            return Job.of(JobResource.load(file, ModelFeatures.eClass("Job")));
        } catch (JobFormatException e) {
            throw new PartInitException(e.getMessage(), e);
        } catch (IOException e) {
            throw new PartInitException("Cannot read " + file + ": " + BackgroundLoad.describe(e), e);
        }
    }

    @Override
    public void dispose() {
        if (registry != null) {
            registry.close();
        }
        if (surrogates != null) {
            surrogates.close();
        }
        super.dispose();
    }

    // ------------------------------------------------------------------ widgets

    @Override
    public void createPartControl(Composite parent) {
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(parent);
        scroll = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.H_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(scroll);
        form = new Composite(scroll, SWT.NONE);
        GridLayoutFactory.swtDefaults().margins(8, 8).applyTo(form);
        scroll.setContent(form);
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);

        createProblems(form);
        createGeneral(form);
        createStructures(form);
        createObjectives(form);
        createSampler(form);
        createConstraints(form);
        createSurrogate(form);
        createOptimiser(form);
        createBaselines(form);
        createBudget(form);
        runButton = new Button(form, SWT.PUSH);
        runButton.setText("Run this job");
        runButton.setToolTipText("Saves the job and runs a copy of it in a new run directory");
        runButton.addListener(SWT.Selection, e -> run());

        messages = new MessageLine(parent);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(messages.control());
        messages.info(file.toString());
        fill();
        scroll.setMinSize(form.computeSize(SWT.DEFAULT, SWT.DEFAULT));
    }

    private Group group(Composite parent, String title, int columns) {
        Group g = new Group(parent, SWT.NONE);
        g.setText(title);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(g);
        GridLayoutFactory.swtDefaults().numColumns(columns).applyTo(g);
        return g;
    }

    /**
     * A group for what one method only reads. For the other methods it is disabled rather than hidden, so that the
     * form keeps its place and the values stay readable.
     */
    private Group methodGroup(Composite parent, String title, int columns, Method m) {
        Group g = group(parent, title + " (method " + m.literal() + ")", columns);
        methodGroups.put(g, m);
        return g;
    }

    /** Add and Remove buttons beside a table. */
    private static void addRemove(Composite parent, String addTip, Runnable add, String removeTip, Runnable remove) {
        Composite buttons = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(buttons);
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.BEGINNING).applyTo(buttons);
        button(buttons, "Add", addTip, add);
        button(buttons, "Remove", removeTip, remove);
    }

    private static void button(Composite parent, String text, String tip, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.setToolTipText(tip);
        GridDataFactory.fillDefaults().applyTo(b);
        b.addListener(SWT.Selection, e -> action.run());
    }

    private static Label label(Composite parent, String text) {
        Label l = new Label(parent, SWT.NONE);
        l.setText(text);
        return l;
    }

    private Text text(Composite parent, int span, String tip, Consumer<String> onChange) {
        Text t = new Text(parent, SWT.BORDER);
        t.setToolTipText(tip);
        GridDataFactory.fillDefaults().grab(true, false).span(span, 1).hint(100, SWT.DEFAULT).applyTo(t);
        t.addModifyListener(e -> edit(() -> onChange.accept(t.getText())));
        return t;
    }

    private Combo combo(Composite parent, List<String> items, Consumer<String> onChange) {
        Combo c = new Combo(parent, SWT.READ_ONLY);
        c.setItems(items.toArray(String[]::new));
        c.addListener(SWT.Selection, e -> edit(() -> onChange.accept(c.getText())));
        return c;
    }

    /** A field for one value of the job, by its path (as the model's problems name it), filled by {@link #fill()}. */
    private Text bound(Composite parent, String field, String tip, Supplier<String> get, Consumer<String> set) {
        Text t = text(parent, 1, tip, set);
        // values are short; the narrower hint keeps the form as wide as the editor area beside the views
        GridDataFactory.fillDefaults().grab(true, false).hint(70, SWT.DEFAULT).applyTo(t);
        fields.put(field, t);
        fillers.add(() -> t.setText(get.get()));
        return t;
    }

    private Text realField(Composite parent, String field, String tip, DoubleSupplier get, DoubleConsumer set) {
        return bound(parent, field, tip, () -> Units.number(get.getAsDouble()),
                v -> parse(field, v, Double::parseDouble, "a number", set::accept));
    }

    private Text wholeField(Composite parent, String field, String tip, IntSupplier get, IntConsumer set) {
        return bound(parent, field, tip, () -> Integer.toString(get.getAsInt()),
                v -> parse(field, v, Integer::parseInt, "a whole number", set::accept));
    }

    /**
     * Puts a typed value into the model, or, when the text is not {@code what}, leaves the model as it is and lists
     * the text as a problem of {@code field} (the model's own rules, e.g. ranges, are {@link Job#validate()}'s).
     */
    private <T> void parse(String field, String typed, Function<String, T> parser, String what, Consumer<T> set) {
        T value;
        try {
            value = parser.apply(typed.strip());
        } catch (NumberFormatException e) {
            inputProblems.put(field, "'" + typed + "' is not " + what);
            return;
        }
        inputProblems.remove(field);
        set.accept(value);
    }

    private Spinner spinner(Composite parent, String title, String tip, Consumer<Integer> onChange) {
        label(parent, title);
        Spinner s = new Spinner(parent, SWT.BORDER);
        s.setValues(0, 0, 1_000_000, 0, 1, 10);
        s.setToolTipText(tip);
        s.addListener(SWT.Modify, e -> edit(() -> onChange.accept(s.getSelection())));
        return s;
    }

    private void createProblems(Composite parent) {
        problemText = new Text(parent, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.READ_ONLY | SWT.V_SCROLL);
        GridDataFactory.fillDefaults().grab(true, false).hint(300, 72).applyTo(problemText);
        problemText.setToolTipText("Problems of this job; each names the field at fault");
    }

    private void createGeneral(Composite parent) {
        Group g = group(parent, "Job", 4);
        label(g, "Name:");
        name = text(g, 3, "A name for the job, also used for its run directories",
                v -> job.setName(v.isBlank() ? null : v.strip()));
        label(g, "Method:");
        method = combo(g, literals(Method.class), v -> {
            job.setMethod(ModelEnum.of(Method.class, v));
            enableMethodGroups();
        });
        method.setToolTipText("active: surrogate-driven active learning; rmc, random, leastSquares, gpbo: baselines "
                + "on the real simulators");
        label(g, "Seed:");
        seed = text(g, 1, "Seed of every random choice (a whole number)",
                v -> parse("seed", v, Long::parseLong, "a whole number", job::setSeed));
        label(g, "Variation:");
        variation = combo(g, literals(Variation.class), v -> job.setVariation(ModelEnum.of(Variation.class, v)));
        variation.setToolTipText("What may change: coordinates only, or coordinates and lattice");
        GridDataFactory.fillDefaults().span(3, 1).applyTo(variation);
    }

    private void createStructures(Composite parent) {
        Group g = group(parent, "Structures", 4);
        label(g, "Start:");
        start = text(g, 1, "The start structure: a CIF or POSCAR file (relative to the job file)",
                v -> job.start().setFile(v.strip()));
        browse(g, start, "Start Structure", new String[] {"*.cif;*.CIF;POSCAR*;*.vasp", "*"});
        new Label(g, SWT.NONE);
        label(g, "Reference:");
        reference = text(g, 1, "Optional: the true structure, to report whether the result matches it", v -> {
            if (v.isBlank()) {
                job.clearReference();
            } else {
                job.referenceOrCreate().setFile(v.strip());
            }
        });
        browse(g, reference, "Reference Structure", new String[] {"*.cif;*.CIF;POSCAR*;*.vasp", "*"});
        Button clear = new Button(g, SWT.PUSH);
        clear.setText("Clear");
        clear.addListener(SWT.Selection, e -> reference.setText(""));
    }

    private Button browse(Composite parent, Text field, String title, String[] filters) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText("Browse...");
        b.addListener(SWT.Selection, e -> {
            FileDialog d = new FileDialog(getSite().getShell(), SWT.OPEN);
            d.setText(title);
            d.setFilterExtensions(filters);
            d.setFilterPath(file.getParent().toString());
            String chosen = d.open();
            if (chosen != null) {
                field.setText(relative(Path.of(chosen)));
            }
        });
        return b;
    }

    /** @return the file relative to the job file's directory when it lies below it, else absolute */
    String relative(Path chosen) {
        Path dir = file.toAbsolutePath().getParent();
        Path abs = chosen.toAbsolutePath().normalize();
        return abs.startsWith(dir) ? dir.relativize(abs).toString() : abs.toString();
    }

    private void createObjectives(Composite parent) {
        Group g = group(parent, "Objectives", 2);
        objectives = new TableViewer(g, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL);
        objectives.getTable().setHeaderVisible(true);
        objectives.getTable().setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, false).hint(300, 70).applyTo(objectives.getTable());
        objectives.setContentProvider(ArrayContentProvider.getInstance());
        objectiveColumn("Simulator", 100, o -> o.simulator());
        objectiveColumn("Weight", 60, o -> Units.number(o.weight()));
        objectiveColumn("Metric", 60, o -> o.metric().literal());
        objectiveColumn("Target", 220, o -> o.target().file() == null ? "" : o.target().file());
        objectiveColumn("Dataset", 200, o -> o.target().signal().orElse("(default)"));
        objectives.addSelectionChangedListener(e -> fillObjective());
        addRemove(g, "Adds an objective", this::addObjective, "Removes the selected objective", this::removeObjective);

        objectiveDetail = new Composite(g, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(objectiveDetail);
        GridLayoutFactory.fillDefaults().numColumns(4).applyTo(objectiveDetail);
        label(objectiveDetail, "Simulator:");
        simulator = new Combo(objectiveDetail, SWT.READ_ONLY);
        simulator.addListener(SWT.Selection, e -> edit(() -> selectedObjective().ifPresent(o -> {
            o.setSimulator(nameOf(simulator.getText()));
            fillObjective();
        })));
        simulatorInfo = new Label(objectiveDetail, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).hint(120, SWT.DEFAULT).applyTo(simulatorInfo);
        label(objectiveDetail, "Weight:");
        weight = text(objectiveDetail, 1, "Weight of this objective in the total loss (positive)", v -> selectedObjective()
                .ifPresent(o -> parse(fieldOf(o, "weight"), v, Double::parseDouble, "a number", o::setWeight)));
        label(objectiveDetail, "Metric:");
        metric = combo(objectiveDetail, literals(Metric.class), v -> selectedObjective().ifPresent(
                o -> o.setMetric(ModelEnum.of(Metric.class, v))));
        label(objectiveDetail, "Target file:");
        target = text(objectiveDetail, 2, "The measured spectrum: NeXus (.nxs, .h5) or two columns x y",
                v -> selectedObjective().ifPresent(o -> o.target().setFile(v.strip())));
        browse(objectiveDetail, target, "Target Spectrum", new String[] {"*.nxs;*.nx5;*.h5;*.hdf5;*.hdf;*.dat;*.txt",
            "*"});
        label(objectiveDetail, "Dataset:");
        signal = text(objectiveDetail, 2, "HDF5 path of the signal; empty: the file's default plottable",
                v -> selectedObjective().ifPresent(o -> o.target().setSignal(v.isBlank() ? null : v.strip())));
        Button dataset = new Button(objectiveDetail, SWT.PUSH);
        dataset.setText("Choose...");
        dataset.setToolTipText("Choose one of the 1-D spectra of the NeXus file");
        GridDataFactory.fillDefaults().applyTo(dataset);
        dataset.addListener(SWT.Selection, e -> chooseDataset());
        label(objectiveDetail, "Fit range:");
        xmin = text(objectiveDetail, 1, "Lower end of the fit range (empty: from the first point)",
                v -> setRange());
        label(objectiveDetail, "to");
        xmax = text(objectiveDetail, 1, "Upper end of the fit range (empty: to the last point)", v -> setRange());
        Label settingsLabel = label(objectiveDetail, "Simulator settings (empty value: the default):");
        GridDataFactory.fillDefaults().span(4, 1).applyTo(settingsLabel);
        Composite settingsBox = new Composite(objectiveDetail, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).span(4, 1).applyTo(settingsBox);
        GridLayoutFactory.fillDefaults().applyTo(settingsBox);
        simulatorSettings = new SettingsTable(settingsBox);
        nuisanceInfo = label(objectiveDetail, "");
        GridDataFactory.fillDefaults().grab(true, false).span(4, 1).hint(200, SWT.DEFAULT).applyTo(nuisanceInfo);
        Composite nuisanceBox = new Composite(objectiveDetail, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).span(4, 1).applyTo(nuisanceBox);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(nuisanceBox);
        nuisance = new NuisanceTable(nuisanceBox);
        Composite nuisanceButtons = new Composite(nuisanceBox, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(nuisanceButtons);
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.BEGINNING).applyTo(nuisanceButtons);
        button(nuisanceButtons, "Reset", "Removes the selected parameter from the job: the simulator's value, bounds "
                + "and default (refined for a measured target) apply again", () -> nuisance.resetSelected());
    }

    private void objectiveColumn(String title, int width, Function<Objective, String> text) {
        TableViewerColumn c = new TableViewerColumn(objectives, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((Objective) element);
            }
        });
    }

    private void createSampler(Composite parent) {
        Group g = group(parent, "Sampler", 2);
        label(g, "Sampler:");
        sampler = combo(g, Samplers.names(), v -> {
            job.sampler().setName(v);
            fillSampler();
        });
        sampler.setToolTipText("Draws the initial and calibration candidates and random starts");
        Composite box = new Composite(g, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(box);
        GridLayoutFactory.fillDefaults().applyTo(box);
        samplerSettings = new SettingsTable(box);
    }

    private void createConstraints(Composite parent) {
        Group g = group(parent, "Constraints (minimum distances between atoms)", 4);
        label(g, "Factor:");
        realField(g, "constraints/factor", "Atoms may come no closer than this multiple of the reference distance of "
                + "their element pair (0 to 2)", () -> job.constraints().factor(), v -> job.constraints().setFactor(v));
        Button acceptStart = new Button(g, SWT.CHECK);
        acceptStart.setText("Accept the start's distances");
        acceptStart.setToolTipText("Lowers the limit of each element pair to the factor times its closest distance in "
                + "the start structure, so that a start closer than the limits can be refined");
        acceptStart.addListener(SWT.Selection, e -> edit(() -> job.constraints().setAcceptStart(
                acceptStart.getSelection())));
        fields.put("constraints/acceptStart", acceptStart);
        fillers.add(() -> acceptStart.setSelection(job.constraints().acceptStart()));
        new Label(g, SWT.NONE); // above the buttons: the table below spans the width of this row

        pairs = new TableViewer(g, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL);
        pairs.getTable().setHeaderVisible(true);
        pairs.getTable().setLinesVisible(true);
        pairs.getTable().setToolTipText("Minimum distances of single element pairs (either order), which replace the "
                + "limits above; 0 Å lifts the pair's limit. Click a cell to edit it.");
        GridDataFactory.fillDefaults().grab(true, false).span(3, 1).hint(300, 70).applyTo(pairs.getTable());
        pairs.setContentProvider(ArrayContentProvider.getInstance());
        pairColumn("Element", 80, 0);
        pairColumn("Element", 80, 1);
        pairColumn("Minimum distance (Å)", 150, 2);
        addRemove(g, "Adds a pair: type its elements and its minimum distance into the new row", this::addPair,
                "Removes the selected pair", this::removePair);
    }

    /** A column of the pair table: 0 and 1 the elements, 2 the distance; edited in place. */
    private void pairColumn(String title, int width, int column) {
        TableViewerColumn c = new TableViewerColumn(pairs, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return pairCell((PairDistance) element, column);
            }
        });
        c.setEditingSupport(new EditingSupport(pairs) {
            private final TextCellEditor editor = new TextCellEditor(pairs.getTable());

            @Override
            protected CellEditor getCellEditor(Object element) {
                return editor;
            }

            @Override
            protected boolean canEdit(Object element) {
                return true;
            }

            @Override
            protected Object getValue(Object element) {
                return pairCell((PairDistance) element, column);
            }

            @Override
            protected void setValue(Object element, Object value) {
                // the cell editor also applies when it merely loses the focus
                if (!value.equals(pairCell((PairDistance) element, column))) {
                    editPair((PairDistance) element, column, (String) value);
                }
            }
        });
    }

    private void createSurrogate(Composite parent) {
        surrogateGroup = methodGroup(parent, "Surrogate", 4, Method.ACTIVE);
        label(surrogateGroup, "Surrogate:");
        surrogate = new Combo(surrogateGroup, SWT.READ_ONLY);
        surrogate.setToolTipText("The surrogate model service that learns the spectra (e.g. gnn)");
        surrogate.addListener(SWT.Selection, e -> edit(() -> {
            job.surrogate().setName(nameOf(surrogate.getText()));
            fillSurrogate();
        }));
        label(surrogateGroup, "Ensemble:");
        ensembleSize = new Spinner(surrogateGroup, SWT.BORDER);
        ensembleSize.setValues(1, 1, 64, 0, 1, 4);
        ensembleSize.setToolTipText("Members of the ensemble (k of the k-fold ensemble)");
        ensembleSize.addListener(SWT.Modify, e -> edit(() -> job.surrogate().setEnsembleSize(
                ensembleSize.getSelection())));
        calibrate = new Button(surrogateGroup, SWT.CHECK);
        calibrate.setText("Calibrate the uncertainty on the calibration simulations");
        GridDataFactory.fillDefaults().span(4, 1).applyTo(calibrate);
        calibrate.addListener(SWT.Selection, e -> edit(() -> job.surrogate().setCalibrate(calibrate.getSelection())));
        Composite box = new Composite(surrogateGroup, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).span(4, 1).applyTo(box);
        GridLayoutFactory.fillDefaults().applyTo(box);
        surrogateSettings = new SettingsTable(box);
    }

    private void fillSurrogate() {
        boolean was = updating;
        updating = true;
        try {
            String current = job.surrogate().name();
            showChoice(surrogate, surrogates.available().keySet(), current, "not installed");
            ensembleSize.setSelection(job.surrogate().ensembleSize());
            calibrate.setSelection(job.surrogate().calibrate());
            surrogateSettings.setInput(surrogates.find(current == null ? "" : current)
                    .map(f -> f.descriptor().settings()).orElse(null), job.surrogate().settings(), (k, v) -> edit(() -> {
                        if (v == null) {
                            job.surrogate().removeSetting(k);
                        } else {
                            job.surrogate().setSetting(k, v);
                        }
                    }));
        } finally {
            updating = was;
        }
    }

    private void createOptimiser(Composite parent) {
        Group g = methodGroup(parent, "Optimiser of the acquisition", 4, Method.ACTIVE);
        label(g, "Atom rate (Å):");
        realField(g, "optimiser/positionLearningRate", "Learning rate of the atom positions, in Å along each cell "
                + "axis (positive)", () -> job.optimiser().positionLearningRate(),
                v -> job.optimiser().setPositionLearningRate(v));
        label(g, "Lattice rate (Å):");
        realField(g, "optimiser/latticeLearningRate", "Learning rate of the lattice-matrix entries, in Å (positive; "
                + "used when the variation includes the lattice)", () -> job.optimiser().latticeLearningRate(),
                v -> job.optimiser().setLatticeLearningRate(v));
        label(g, "Update rule:");
        bound(g, "optimiser/name", "The optimiser's update rule: adam (adamw is accepted and takes the same steps)",
                () -> Objects.requireNonNullElse(job.optimiser().name(), ""), v -> job.optimiser().setName(v.strip()));
        new Label(g, SWT.NONE);
        new Label(g, SWT.NONE);
        // a row per setting and a column per phase: narrower than a row per phase
        Composite profiles = new Composite(g, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).span(4, 1).applyTo(profiles);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(profiles);
        new Label(profiles, SWT.NONE);
        label(profiles, "Explore");
        label(profiles, "Exploit");
        Map<Phase, Supplier<SearchProfile>> phases = new LinkedHashMap<>();
        for (Phase phase : List.of(Phase.EXPLORE, Phase.EXPLOIT)) {
            phases.put(phase, () -> job.optimiser().profile(phase));
        }
        label(profiles, "Acquisition:");
        phases.forEach((phase, profile) -> {
            Combo acquisition = combo(profiles, Acquisition.NAMES, v -> profile.get().setAcquisition(nameOf(v)));
            acquisition.setToolTipText("What the optimiser minimises on the surrogates: mae-uncertainty (the "
                    + "predicted misfit minus lambda times the uncertainty) or mae (the predicted misfit alone)");
            GridDataFactory.fillDefaults().grab(true, false).applyTo(acquisition);
            fields.put(searchField(phase, "acquisition"), acquisition);
            fillers.add(() -> showChoice(acquisition, Acquisition.NAMES, profile.get().acquisition(), "unknown"));
        });
        label(profiles, "Lambda:");
        phases.forEach((phase, profile) -> realField(profiles, searchField(phase, "lambda"), "Weight of the "
                + "uncertainty in mae-uncertainty (>= 0; mae ignores it)", () -> profile.get().lambda(),
                v -> profile.get().setLambda(v)));
        label(profiles, "Starts:");
        phases.forEach((phase, profile) -> wholeField(profiles, searchField(phase, "starts"), "Optimiser starts per "
                + "proposal, searched as one batch (at least 1; the cost grows with starts times steps)",
                () -> profile.get().starts(), v -> profile.get().setStarts(v)));
        label(profiles, "Steps:");
        phases.forEach((phase, profile) -> wholeField(profiles, searchField(phase, "steps"), "Gradient steps per "
                + "start (>= 0)", () -> profile.get().steps(), v -> profile.get().setSteps(v)));
    }

    /** @return e.g. optimiser/explore/starts */
    private static String searchField(Phase phase, String key) {
        return "optimiser/" + phase.literal() + "/" + key;
    }

    /** The two baselines with settings of their own. */
    private void createBaselines(Composite parent) {
        Group rmc = methodGroup(parent, "Reverse Monte Carlo", 4, Method.RMC);
        label(rmc, "Max. step (Å):");
        realField(rmc, "rmc/maxStep", "Largest displacement of the atom moved in a step, in Å (positive)",
                () -> job.rmc().maxStep(), v -> job.rmc().setMaxStep(v));
        label(rmc, "Temperature:");
        realField(rmc, "rmc/temperature", "Metropolis temperature, in units of the loss (>= 0; 0: only moves that do "
                + "not raise the loss are accepted)", () -> job.rmc().temperature(), v -> job.rmc().setTemperature(v));
        Group ls = methodGroup(parent, "Least squares", 4, Method.LEAST_SQUARES);
        label(ls, "Damping:");
        realField(ls, "leastSquares/damping", "Initial Marquardt damping, relative to the diagonal of JᵀJ (positive)",
                () -> job.leastSquares().damping(), v -> job.leastSquares().setDamping(v));
        label(ls, "Tolerance:");
        realField(ls, "leastSquares/tolerance", "A descent has converged when an accepted step lowers the loss by less "
                + "than this fraction (0 to below 1)", () -> job.leastSquares().tolerance(),
                v -> job.leastSquares().setTolerance(v));
        label(ls, "Restart radius (Å):");
        realField(ls, "leastSquares/restartRadius", "Distance every atom of the best structure is moved, in a random "
                + "direction, before a restart, in Å (>= 0)", () -> job.leastSquares().restartRadius(),
                v -> job.leastSquares().setRestartRadius(v));
    }

    private void createBudget(Composite parent) {
        Group g = group(parent, "Budget (simulator calls)", 4);
        simulations = spinner(g, "Total:", "Simulator calls the job may make", v -> job.budget().setSimulations(v));
        initial = spinner(g, "Initial:", "Calls on the start and sampler draws (the training set of the active loop)",
                v -> job.budget().setInitial(v));
        calibration = spinner(g, "Calibration:", "Sampler draws held out to calibrate the surrogate's uncertainty",
                v -> job.budget().setCalibration(v));
        exploit = spinner(g, "Exploit:", "The last calls, which exploit", v -> job.budget().setExploit(v));
        explore = new Label(g, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).span(4, 1).hint(200, SWT.DEFAULT).applyTo(explore);
    }

    private static <E extends Enum<E> & ModelEnum> List<String> literals(Class<E> type) {
        List<String> out = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            out.add(e.literal());
        }
        return out;
    }

    // ------------------------------------------------------------------ model to widgets

    /** Fills every widget from the job. */
    private void fill() {
        updating = true;
        try {
            name.setText(job.name().orElse(""));
            method.setText(job.method().literal());
            seed.setText(Long.toString(job.seed()));
            variation.setText(job.variation().literal());
            start.setText(job.start().file().orElse(""));
            start.setMessage(job.start().crystal().isPresent() ? "(structure written in the job file)" : "");
            reference.setText(job.reference().flatMap(r -> r.file()).orElse(""));
            objectives.setInput(job.objectives());
            if (!job.objectives().isEmpty()) {
                objectives.setSelection(new StructuredSelection(job.objectives().get(0)));
            }
            sampler.setText(job.sampler().name());
            simulations.setSelection(job.budget().simulations());
            initial.setSelection(job.budget().initial());
            calibration.setSelection(job.budget().calibration());
            exploit.setSelection(job.budget().exploit());
            pairs.setInput(job.constraints().pairs());
            fillers.forEach(Runnable::run);
        } finally {
            updating = false;
        }
        fillObjective();
        fillSampler();
        fillSurrogate();
        enableMethodGroups();
        revalidate();
    }

    private Optional<Objective> selectedObjective() {
        Object o = objectives.getStructuredSelection().getFirstElement();
        return o instanceof Objective obj ? Optional.of(obj) : Optional.empty();
    }

    private void fillObjective() {
        Optional<Objective> selected = selectedObjective();
        setEnabled(objectiveDetail, selected.isPresent());
        boolean was = updating;
        updating = true;
        try {
            String current = selected.map(Objective::simulator).orElse("");
            showChoice(simulator, simulatorChoices(), current, "not installed");
            Optional<Simulator> sim = registry.find(current);
            simulatorInfo.setText(sim.map(s -> describe(s.descriptor())).orElse(current.isEmpty() ? ""
                    : "No simulator '" + current + "' is installed."));
            if (selected.isEmpty()) {
                simulatorSettings.setInput(null, Map.of(), (k, v) -> {
                });
                nuisance.setInput(List.of(), Map.of(), NO_EDITS);
                return;
            }
            Objective o = selected.get();
            weight.setText(Units.number(o.weight()));
            metric.setText(o.metric().literal());
            target.setText(o.target().file() == null ? "" : o.target().file());
            signal.setText(o.target().signal().orElse(""));
            xmin.setText(format(o.target().xmin()));
            xmax.setText(format(o.target().xmax()));
            simulatorSettings.setInput(sim.map(s -> s.descriptor().settings()).orElse(null), o.settings(),
                    (k, v) -> edit(() -> {
                        if (v == null) {
                            o.removeSetting(k);
                        } else {
                            o.setSetting(k, v);
                        }
                        fillNuisance(o);
                    }));
            fillNuisance(o);
        } finally {
            updating = was;
        }
        objectiveDetail.layout(true, true);
    }

    private void fillSampler() {
        Map<String, String> values = job.sampler().settings();
        org.activestructopt.api.SettingsSchema schema;
        try {
            schema = Samplers.schema(job.sampler().name());
        } catch (IllegalArgumentException e) {
            schema = null;
        }
        samplerSettings.setInput(schema, values, (k, v) -> edit(() -> {
            if (v == null) {
                job.sampler().removeSetting(k);
            } else {
                job.sampler().setSetting(k, v);
            }
        }));
    }

    /**
     * Offers {@code choices} and selects {@code current}; a current value that is not one of them is offered too,
     * marked, so that the combo shows what the job says ("gnn (not installed)").
     */
    private static void showChoice(Combo combo, Collection<String> choices, String current, String mark) {
        List<String> items = new ArrayList<>(choices);
        if (current != null && !current.isEmpty() && !items.contains(current)) {
            items.add(current + " (" + mark + ")");
        }
        combo.setItems(items.toArray(String[]::new));
        for (int i = 0; i < items.size(); i++) {
            if (nameOf(items.get(i)).equals(current)) {
                combo.select(i);
            }
        }
    }

    /** Enables the groups of the job's method and disables those of the other methods. */
    private void enableMethodGroups() {
        methodGroups.forEach((g, m) -> setEnabled(g, job.method() == m));
    }

    /** @return what a cell of the pair table shows: a symbol as written, or the distance (or the text typed as one) */
    private String pairCell(PairDistance p, int column) {
        if (column < 2) {
            return Objects.requireNonNullElse(p.symbol(column), "");
        }
        String typed = rejectedCells.get(p.path() + "/distance");
        return typed != null ? typed : Double.isNaN(p.distance()) ? "" : Units.number(p.distance());
    }

    private static String describe(SimulatorDescriptor d) {
        return d.description() + " — " + d.kind() + ", " + d.cost().name().toLowerCase(Locale.ROOT);
    }

    private static String format(OptionalDouble v) {
        return v.isPresent() ? Units.number(v.getAsDouble()) : "";
    }

    private static void setEnabled(Control c, boolean enabled) {
        c.setEnabled(enabled);
        if (c instanceof Composite comp) {
            for (Control child : comp.getChildren()) {
                setEnabled(child, enabled);
            }
        }
    }

    /** @return the names of the simulator services registered now, sorted */
    public List<String> simulatorChoices() {
        return new ArrayList<>(registry.available().keySet());
    }

    /** @return the service name of a combo item ("gnn (not installed)" names gnn) */
    private static String nameOf(String item) {
        int space = item.indexOf(' ');
        return space < 0 ? item : item.substring(0, space);
    }

    // ------------------------------------------------------------------ widgets to model

    /** Applies an edit to the model unless the widgets are being filled, then marks dirty and revalidates. */
    private void edit(Runnable change) {
        if (updating) {
            return;
        }
        change.run();
        objectives.refresh();
        setDirty(true);
        revalidate();
    }

    private void setRange() {
        selectedObjective().ifPresent(o -> {
            String field = fieldOf(o, "target");
            double lo = parseOrNaN(xmin.getText());
            double hi = parseOrNaN(xmax.getText());
            if (Double.isNaN(lo) && !xmin.getText().isBlank() || Double.isNaN(hi) && !xmax.getText().isBlank()) {
                inputProblems.put(field + "/xmin", "the fit range must be numbers");
                return;
            }
            inputProblems.remove(field + "/xmin");
            o.target().setRange(lo, hi);
        });
    }

    private static double parseOrNaN(String s) {
        try {
            return s.isBlank() ? Double.NaN : Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Applies text typed into a cell of the pair table: 0 and 1 the elements, 2 the distance; blank: missing. */
    private void editPair(PairDistance p, int column, String typed) {
        edit(() -> {
            String field = p.path() + "/" + (column == 0 ? "a" : column == 1 ? "b" : "distance");
            if (column < 2) {
                p.setSymbol(column, symbol(typed));
            } else if (typed.isBlank()) {
                p.clearDistance();
                inputProblems.remove(field);
            } else {
                parse(field, typed, Double::parseDouble, "a number", p::setDistance);
            }
            if (inputProblems.containsKey(field)) {
                rejectedCells.put(field, typed);
            } else {
                rejectedCells.remove(field);
            }
            pairs.update(p, null);
        });
    }

    /** @return the element's standard symbol, or the text as typed for the model's rules to name; null if blank */
    private static String symbol(String typed) {
        if (typed.isBlank()) {
            return null;
        }
        try {
            return Element.of(typed).symbol();
        } catch (IllegalArgumentException e) {
            return typed.strip();
        }
    }

    private void addPair() {
        edit(() -> {
            job.constraints().addEmptyPair();
            pairs.setInput(job.constraints().pairs());
        });
        List<PairDistance> list = job.constraints().pairs();
        PairDistance added = list.get(list.size() - 1);
        pairs.setSelection(new StructuredSelection(added), true);
        pairs.editElement(added, 0);
    }

    private void removePair() {
        if (pairs.getStructuredSelection().getFirstElement() instanceof PairDistance p) {
            edit(() -> {
                job.constraints().removePair(p);
                // the pairs after it move up, so what was typed into them would name the wrong pair
                inputProblems.keySet().removeIf(k -> k.startsWith("constraints/pairs["));
                rejectedCells.clear();
                pairs.setInput(job.constraints().pairs());
            });
        }
    }

    private String fieldOf(Objective o, String key) {
        return "objectives[" + job.objectives().indexOf(o) + "]/" + key;
    }

    private void addObjective() {
        List<String> names = simulatorChoices();
        String sim = names.contains("pdf") || names.isEmpty() ? "pdf" : names.get(0);
        edit(() -> {
            Objective o = job.addObjective(sim, "");
            objectives.setInput(job.objectives());
            objectives.setSelection(new StructuredSelection(o));
        });
    }

    private void removeObjective() {
        selectedObjective().ifPresent(o -> edit(() -> {
            job.removeObjective(job.objectives().indexOf(o));
            inputProblems.keySet().removeIf(k -> k.startsWith("objectives["));
            rejectedNuisance.clear();
            objectives.setInput(job.objectives());
            fillObjective();
        }));
    }

    /** Lists the 1-D spectra of the selected objective's NeXus file in the background and lets the user pick one. */
    public org.eclipse.core.runtime.jobs.Job chooseDataset() {
        Optional<Objective> o = selectedObjective();
        if (o.isEmpty() || target.getText().isBlank()) {
            messages.error("No target file", "Choose the target file of the objective first.");
            return null;
        }
        Path nexus = job.resolve(target.getText().strip());
        Objective objective = o.get();
        return BackgroundLoad.start("Listing spectra in " + nexus.getFileName(), form,
                (IProgressMonitor m) -> NexusSpectra.list(nexus), refs -> {
                    if (refs.isEmpty()) {
                        messages.error("No spectrum", nexus + ": no one-dimensional spectrum (NXdata with a 1-D "
                                + "signal)");
                        return;
                    }
                    Optional<SpectrumRef> ref = chooser.choose(getSite().getShell(), nexus, refs,
                            objective.target().signal());
                    ref.ifPresent(r -> {
                        if (selectedObjective().orElse(null) == objective) {
                            signal.setText(r.signalPath());
                        }
                    });
                }, reason -> messages.error("Cannot list the spectra of " + nexus.getFileName(), reason));
    }

    // ------------------------------------------------------------------ nuisance parameters

    private static final NuisanceTable.Edits NO_EDITS = new NuisanceTable.Edits() {
        @Override
        public void refine(String name, boolean refine) {
        }

        @Override
        public void typed(String name, int column, String text) {
        }

        @Override
        public void reset(String name) {
        }
    };

    private int i2(Objective o) {
        return job.objectives().indexOf(o);
    }

    /** @return e.g. objectives[0]/nuisance/qdamp/value */
    private static String nuisanceField(int objective, String name, String field) {
        return "objectives[" + objective + "]/nuisance/" + name + "/" + field;
    }

    /** @return the rows of an objective's nuisance table (see {@link NuisanceTable#rows}) */
    private List<NuisanceTable.Row> nuisanceRows(Objective o, Optional<Simulator> sim) {
        int index = i2(o);
        Settings settings = null;
        if (sim.isPresent()) {
            try {
                settings = sim.get().settings(o.settings());
            } catch (IllegalArgumentException e) {
                settings = null; // listed as a problem of the settings
            }
        }
        boolean measured;
        try {
            measured = o.target().file() == null || o.target().file().isBlank()
                    || RefinementProblem.measured(job, o.target());
        } catch (RuntimeException e) {
            measured = true;
        }
        List<org.activestructopt.refinement.model.Candidate.FitValue> best = job.hasResults()
                ? job.results().best().map(c -> c.nuisance(index)).orElse(List.of()) : List.of();
        return NuisanceTable.rows(o, index, sim.orElse(null), settings, start(), measured, best);
    }

    /** @return the start structure, read again only when its file changed; null if it cannot be read */
    private Structure start() {
        if (job.start().crystal().isPresent()) {
            return job.start().crystal().get();
        }
        Optional<String> f = job.start().file().filter(s -> !s.isBlank());
        if (f.isEmpty()) {
            return null;
        }
        Path p = job.resolve(f.get());
        Object key;
        try {
            key = List.of(p, Files.getLastModifiedTime(p), Files.size(p));
        } catch (IOException e) {
            return null; // listed as a problem of the start file
        }
        if (!key.equals(startKey)) {
            startKey = key;
            try {
                startStructure = StructureFiles.read(p);
            } catch (IOException | RuntimeException | org.activestructopt.structure.io.StructureFormatException e) {
                startStructure = null;
            }
        }
        return startStructure;
    }

    /** Shows the nuisance parameters of the selected objective {@code o}. */
    private void fillNuisance(Objective o) {
        Optional<Simulator> sim = registry.find(o.simulator());
        int index = i2(o);
        String prefix = "objectives[" + index + "]/nuisance/";
        Map<String, String> rejected = new LinkedHashMap<>();
        rejectedNuisance.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                rejected.put(k.substring(prefix.length()), v);
            }
        });
        nuisanceInfo.setText(sim.isEmpty() ? "Nuisance parameters: none known (the simulator is not installed)"
                : sim.get() instanceof org.activestructopt.api.NuisanceSimulator
                        ? "Nuisance parameters, refined with the structure by each candidate's own fit (ticked) or "
                                + "fixed (empty cells: the simulator's; measured targets refine by default):"
                        : "Nuisance parameters: simulator '" + o.simulator() + "' has none.");
        nuisance.setInput(nuisanceRows(o, sim), rejected, new NuisanceTable.Edits() {
            @Override
            public void refine(String name, boolean refine) {
                edit(() -> {
                    o.nuisanceEntry(name).setRefine(refine);
                    fillNuisance(o);
                });
            }

            @Override
            public void typed(String name, int column, String text) {
                edit(() -> {
                    typeNuisance(o, name, column, text);
                    fillNuisance(o);
                });
            }

            @Override
            public void reset(String name) {
                edit(() -> {
                    o.removeNuisance(name);
                    String p = nuisanceField(i2(o), name, "");
                    inputProblems.keySet().removeIf(k -> k.startsWith(p));
                    rejectedNuisance.keySet().removeIf(k -> k.startsWith(p));
                    fillNuisance(o);
                });
            }
        });
    }

    /**
     * Applies text typed into a value or bound cell. A number goes into the job's entry (bounds are written as a
     * pair, the other one as shown); a blank cell removes what the job says there, so the simulator's applies again;
     * anything else is kept in the cell and listed as a problem, and the job keeps its value.
     */
    private void typeNuisance(Objective o, String name, int column, String text) {
        NuisanceTable.Row row = nuisance.row(name);
        String field = column == NuisanceTable.VALUE ? "value" : column == NuisanceTable.LOWER ? "lower" : "upper";
        String key = nuisanceField(i2(o), name, field);
        if (text.isBlank()) {
            inputProblems.remove(key);
            rejectedNuisance.remove(key);
            clearNuisance(o, name, field);
            return;
        }
        double v;
        try {
            v = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (Double.isNaN(v)) {
            inputProblems.put(key, "'" + text + "' is not a number");
            rejectedNuisance.put(key, text);
            return;
        }
        inputProblems.remove(key);
        rejectedNuisance.remove(key);
        NuisanceEntry e = o.nuisanceEntry(name);
        switch (field) {
            case "value" -> e.setValue(v);
            case "lower" -> e.setBounds(v, row.upper());
            default -> e.setBounds(row.lower(), v);
        }
    }

    /**
     * Removes one field of an entry. The model has setters only, so the entry is written again without it (bounds
     * go as a pair: a cleared bound removes both, and the simulator's apply); an entry left empty is removed.
     */
    private void clearNuisance(Objective o, String name, String field) {
        Optional<NuisanceEntry> old = o.nuisance(name);
        if (old.isEmpty()) {
            return;
        }
        boolean keepBounds = field.equals("value") && (old.get().lower().isPresent()
                || old.get().upper().isPresent());
        OptionalDouble value = field.equals("value") ? OptionalDouble.empty() : old.get().value();
        Optional<Boolean> refine = old.get().refine();
        NuisanceTable.Row row = nuisance.row(name);
        double lower = row.lower();
        double upper = row.upper();
        o.removeNuisance(name);
        if (value.isEmpty() && !keepBounds && refine.isEmpty()) {
            return;
        }
        NuisanceEntry e = o.nuisanceEntry(name);
        value.ifPresent(e::setValue);
        if (keepBounds) {
            e.setBounds(lower, upper);
        }
        refine.ifPresent(e::setRefine);
    }

    // ------------------------------------------------------------------ validation

    /** Recomputes the problems and shows them. */
    private void revalidate() {
        List<String> out = new ArrayList<>();
        inputProblems.forEach((field, problem) -> out.add(field + ": " + problem));
        for (JobProblem p : job.validate()) {
            // the field shows what was typed, not the model's stale value that this problem is about; a nuisance
            // entry's bounds are checked with its row below, in the row's own words
            if (!inputProblems.containsKey(p.where()) && !p.where().matches(".*/nuisance\\[\\d+\\]/lower")) {
                out.add(p.where() + ": " + p.problem());
            }
        }
        List<Objective> list = job.objectives();
        for (int i = 0; i < list.size(); i++) {
            Objective o = list.get(i);
            String where = "objectives[" + i + "]";
            Optional<Simulator> sim = registry.find(o.simulator());
            if (sim.isEmpty()) {
                out.add(where + "/simulator: no simulator '" + o.simulator() + "' is installed; available: "
                        + String.join(", ", simulatorChoices()));
            } else {
                try {
                    sim.get().settings(o.settings());
                } catch (IllegalArgumentException e) {
                    out.add(where + "/settings: " + e.getMessage());
                }
            }
            for (NuisanceTable.Row r : nuisanceRows(o, sim)) {
                r.problems().forEach((field, problem) -> {
                    String key = nuisanceField(i2(o), r.name(), field);
                    if (!inputProblems.containsKey(key)) {
                        out.add(key + ": nuisance parameter '" + r.name() + "': " + problem);
                    }
                });
            }
            String t = o.target().file();
            if (t != null && !t.isBlank() && !Files.isRegularFile(job.resolve(t))) {
                out.add(where + "/target/file: no such file " + job.resolve(t));
            }
        }
        job.start().file().filter(f -> !f.isBlank() && !Files.isRegularFile(job.resolve(f)))
                .ifPresent(f -> out.add("start/file: no such file " + job.resolve(f)));
        job.reference().flatMap(r -> r.file()).filter(f -> !f.isBlank() && !Files.isRegularFile(job.resolve(f)))
                .ifPresent(f -> out.add("reference/file: no such file " + job.resolve(f)));
        try {
            Samplers.schema(job.sampler().name()).parse(job.sampler().settings());
        } catch (IllegalArgumentException e) {
            out.add("sampler: " + e.getMessage());
        }
        if (job.method() == Method.ACTIVE) {
            String name = job.surrogate().name();
            Optional<SurrogateFactory> factory = surrogates.find(name == null ? "" : name);
            if (factory.isEmpty()) {
                out.add("surrogate/name: no surrogate '" + name + "' is installed (method active needs one); "
                        + "available: " + (surrogates.available().isEmpty() ? "none"
                                : String.join(", ", surrogates.available().keySet())));
            } else {
                try {
                    factory.get().descriptor().settings().parse(job.surrogate().settings());
                } catch (IllegalArgumentException e) {
                    out.add("surrogate/settings: " + e.getMessage());
                }
            }
            for (SearchProfile p : List.of(job.optimiser().explore(), job.optimiser().exploit())) {
                String a = p.acquisition();
                if (a != null && !a.isBlank() && !Acquisition.NAMES.contains(a)) {
                    out.add(p.path() + "/acquisition: unknown acquisition '" + a + "'; known: "
                            + String.join(", ", Acquisition.NAMES));
                }
            }
        }
        problems = List.copyOf(out);
        showProblems();
    }

    private void showProblems() {
        if (problems.isEmpty()) {
            problemText.setText("No problems: the job is ready to run.");
            problemText.setForeground(null);
        } else {
            problemText.setText((problems.size() == 1 ? "1 problem:" : problems.size() + " problems:") + "\n• "
                    + String.join("\n• ", problems));
            problemText.setForeground(problemText.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        }
        explore.setText("Explore: " + job.budget().explore() + " (the calls left between calibration and exploit; "
                + "baselines use the total only)");
        runButton.setEnabled(problems.isEmpty());
        runButton.setToolTipText(problems.isEmpty() ? "Saves the job and runs a copy of it in a new run directory"
                : "Fix the problems listed at the top first");
    }

    /** @return the problems shown at the top, each "field: problem" */
    public List<String> problems() {
        return problems;
    }

    // ------------------------------------------------------------------ running, saving

    /**
     * Saves the job if needed and runs a copy of it in a new run directory. A job with problems is not run; the
     * problems are reported.
     *
     * @return the job preparing the run, or null if the job was not run
     */
    public org.eclipse.core.runtime.jobs.Job run() {
        if (dirty) {
            doSave(null);
            if (dirty) {
                return null;
            }
        }
        if (!problems.isEmpty()) {
            messages.error("Cannot run " + file.getFileName(), problems.size() + " problem(s): "
                    + String.join("; ", problems));
            return null;
        }
        return RunLauncher.run(file, form);
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
        try {
            job.saveAs(file);
            setDirty(false);
            messages.info("Saved " + file + (problems.isEmpty() ? "." : " (with " + problems.size() + " problems)."));
        } catch (IOException | RuntimeException e) {
            messages.error("Cannot save " + file.getFileName(), BackgroundLoad.describe(e));
        }
    }

    @Override
    public void doSaveAs() {
        FileDialog d = new FileDialog(getSite().getShell(), SWT.SAVE);
        d.setText("Save Job As");
        d.setFilterExtensions(new String[] {"*.xmi"});
        d.setFileName(file.getFileName().toString());
        d.setFilterPath(file.getParent().toString());
        d.setOverwrite(true);
        String chosen = d.open();
        if (chosen != null) {
            saveAs(Path.of(chosen));
        }
    }

    /** Saves to another file, which the editor edits from then on. */
    public void saveAs(Path newFile) {
        Path old = file;
        file = newFile.toAbsolutePath().normalize();
        doSave(null);
        if (dirty) {
            file = old;
            return;
        }
        setInputWithNotify(new JobEditorInput(file));
        setPartName(file.getFileName().toString());
        setTitleToolTip(file.toString());
        revalidate();
    }

    private void setDirty(boolean d) {
        if (dirty != d) {
            dirty = d;
            firePropertyChange(PROP_DIRTY);
        }
    }

    @Override
    public boolean isDirty() {
        return dirty;
    }

    @Override
    public boolean isSaveAsAllowed() {
        return true;
    }

    @Override
    public void setFocus() {
        name.setFocus();
    }

    // ------------------------------------------------------------------ access for commands and tests

    /** @return the job being edited (UI thread only) */
    public Job job() {
        return job;
    }

    /** @return the job file */
    public Path file() {
        return file;
    }

    /** @return the message line */
    public MessageLine messages() {
        return messages;
    }

    /** Replaces the error dialog (tests observe the reports). */
    public void setProblemReporter(ProblemReporter reporter) {
        messages.setReporter(reporter);
    }

    /** Replaces the dataset dialog (tests pick without a dialog). */
    public void setChooser(SpectrumChooser chooser) {
        this.chooser = chooser;
    }

    /** @return the simulator combo of the selected objective */
    public Combo simulatorCombo() {
        return simulator;
    }

    Text targetText() {
        return target;
    }

    Text signalText() {
        return signal;
    }

    Text startText() {
        return start;
    }

    Text seedText() {
        return seed;
    }

    Spinner simulationsSpinner() {
        return simulations;
    }

    Combo methodCombo() {
        return method;
    }

    /** @return the settings table of the selected objective's simulator */
    public SettingsTable simulatorSettings() {
        return simulatorSettings;
    }

    TableViewer objectivesViewer() {
        return objectives;
    }

    /** Selects objective {@code index} in the table, as a click does. */
    public void selectObjective(int index) {
        objectives.setSelection(new StructuredSelection(job.objectives().get(index)), true);
    }

    /** Adds an objective as the Add button does. */
    public void pressAddObjective() {
        addObjective();
    }

    /** @return the field of a value of the job by its path, e.g. rmc/temperature (null if the form has none) */
    Control field(String path) {
        return fields.get(path);
    }

    /** @return the nuisance table of the selected objective */
    NuisanceTable nuisanceTable() {
        return nuisance;
    }

    TableViewer pairsViewer() {
        return pairs;
    }

    /** Adds a pair as the Add button of the constraints does. */
    void pressAddPair() {
        addPair();
    }

    /** Removes the selected pair as the Remove button of the constraints does. */
    void pressRemovePair() {
        removePair();
    }

    /** Types into a cell of the pair table: column 0 and 1 the elements, 2 the distance. */
    void typeIntoPair(int row, int column, String text) {
        editPair(job.constraints().pairs().get(row), column, text);
    }

    /** @return the form (for screenshots) */
    public Composite form() {
        return form;
    }

    @Override
    public String toString() {
        return "JobEditor[" + file + "]";
    }
}
