package nl.learningcommunities.registration.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an institution keeps its own templates: any of {@code layout.text.mustache}, {@code layout.html.mustache},
 * {@code messages_nl.properties} and {@code messages_en.properties}. A file that is there replaces the shipped
 * layout; a properties file overrides the shipped texts key by key. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface TemplateSource {

    /**
     * @param name a template file name
     * @return its text (UTF-8), if the institution has one
     */
    Optional<String> read(String name);

    /** @return no overrides: the shipped templates only */
    static TemplateSource shipped() {
        return name -> Optional.empty();
    }

    /**
     * @param folder a folder on disk
     * @return the templates in it
     */
    static TemplateSource folder(Path folder) {
        Objects.requireNonNull(folder, "folder");
        return name -> {
            Path file = folder.resolve(name);
            try {
                return Files.isReadable(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
                        : Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read template " + file, e);
            }
        };
    }

    /**
     * @param base a class-path folder, for example {@code /mail-templates}
     * @param loader the class loader to read it with
     * @return the templates in it
     */
    static TemplateSource classPath(String base, ClassLoader loader) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(loader, "loader");
        String folder = base.replaceAll("^/+", "").replaceAll("/+$", "");
        return name -> {
            try (InputStream in = loader.getResourceAsStream(folder + "/" + name)) {
                return in == null ? Optional.empty()
                        : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read template " + folder + "/" + name, e);
            }
        };
    }
}
