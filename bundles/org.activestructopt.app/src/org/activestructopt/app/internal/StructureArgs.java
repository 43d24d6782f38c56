package org.activestructopt.app.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.activestructopt.structure.Structure;
import org.activestructopt.structure.io.StructureFiles;
import org.activestructopt.structure.io.StructureFormatException;

/** Structure files named on the command line: any problem becomes one line naming the file. */
final class StructureArgs {

    private StructureArgs() {
    }

    static Structure read(Path file) throws UserException {
        try {
            return StructureFiles.read(file);
        } catch (NoSuchFileException e) {
            throw new UserException(file + ": no such file");
        } catch (StructureFormatException e) {
            throw new UserException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UserException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    static void write(Structure structure, Path file) throws UserException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UserException(file + ": directory " + parent + " does not exist");
        }
        try {
            StructureFiles.write(structure, file);
        } catch (StructureFormatException e) {
            throw new UserException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UserException(file + ": cannot be written: " + e.getMessage(), e);
        }
    }
}
