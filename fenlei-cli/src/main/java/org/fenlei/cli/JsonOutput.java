package org.fenlei.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.fenlei.model.AtomicFile;

import java.io.IOException;
import java.nio.file.Path;

/** Pretty JSON for reports, written atomically. */
final class JsonOutput {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonOutput() {
    }

    static void write(Path path, Object value) throws IOException {
        AtomicFile.write(path, MAPPER.writeValueAsBytes(value));
    }
}
