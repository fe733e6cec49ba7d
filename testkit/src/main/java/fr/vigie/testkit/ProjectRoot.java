package fr.vigie.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root (where the {@code vigie} launcher is), found from the working directory of a module's tests. */
public final class ProjectRoot {

    private ProjectRoot() {
    }

    public static Path find() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("vigie")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no Vigie checkout above " + dir);
    }
}
