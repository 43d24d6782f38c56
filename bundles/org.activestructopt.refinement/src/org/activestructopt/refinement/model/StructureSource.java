package org.activestructopt.refinement.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.activestructopt.refinement.internal.ModelFeatures;
import org.activestructopt.structure.Structure;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;

/**
 * Where a structure comes from: a file (CIF or POSCAR, relative to the job file) or a crystal written into the job
 * itself. Exactly one of the two is given.
 *
 * <pre>{@code
 * <start file="LiNiO2.cif"/>
 * <start><crystal lattice="3.6 0 0  0 3.6 0  0 0 3.6" species="Cu Cu Cu Cu" frac="0 0 0  0 .5 .5  .5 0 .5  .5 .5 0"/></start>
 * }</pre>
 */
public final class StructureSource extends ModelObject {

    static final EClass CLASS = ModelFeatures.eClass("StructureSource");
    private static final EAttribute FILE = ModelFeatures.attribute(CLASS, "file", String.class);
    private static final EReference CRYSTAL = ModelFeatures.reference(CLASS, "crystal", CrystalRecord.CLASS, true,
            false);

    StructureSource(EObject o) {
        super(o, CLASS);
    }

    static EObject create() {
        return ModelObject.create(CLASS);
    }

    /** @return the structure file as written in the job (relative to the job file), if the structure is a file */
    public Optional<String> file() {
        return optionalString(FILE);
    }

    /** Makes this source the file {@code file} (relative to the job file, or absolute); an inline crystal is dropped. */
    public StructureSource setFile(String file) {
        Objects.requireNonNull(file, "file");
        setChild(CRYSTAL, null);
        set(FILE, file);
        return this;
    }

    /**
     * @return the structure written into the job, if any
     * @throws IllegalArgumentException if the inline crystal is malformed (validation reports this on loading)
     */
    public Optional<Structure> crystal() {
        EObject c = child(CRYSTAL);
        return c == null ? Optional.empty() : Optional.of(CrystalRecord.toStructure(c));
    }

    /** Writes {@code structure} into the job; a file name is dropped. */
    public StructureSource setCrystal(Structure structure) {
        Objects.requireNonNull(structure, "structure");
        unset(FILE);
        setChild(CRYSTAL, CrystalRecord.of(structure));
        return this;
    }

    void validate(List<JobProblem> problems) {
        EObject c = child(CRYSTAL);
        if (file().isPresent() == (c != null)) {
            problems.add(JobProblem.at(this, null, c == null ? "give the structure as file=\"...\" or as <crystal .../>"
                    : "give the structure either as a file or as a crystal, not both"));
        }
        if (c != null) {
            try {
                CrystalRecord.toStructure(c);
            } catch (IllegalArgumentException e) {
                problems.add(JobProblem.at(c, path() + "/crystal", e.getMessage()));
            }
        }
    }
}
