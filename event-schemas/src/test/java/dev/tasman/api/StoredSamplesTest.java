package dev.tasman.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every event revision ever released has a stored JSON sample; each must load into today's class and
 * write back the same JSON. A failing sample means history would no longer load: add an upcaster.
 */
class StoredSamplesTest {

    private final ObjectMapper json = Json.mapper();

    /** 20971520 reads back as an int node but a long field writes a long node: same number, same JSON. */
    private static final java.util.Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) ->
            a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) : (a.equals(b) ? 0 : 1);

    static Stream<Class<?>> events() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tasman.api")
                .stream()
                .filter(c -> c.isAnnotatedWith(Revision.class))
                .map(JavaClass::reflect)
                .sorted((a, b) -> a.getName().compareTo(b.getName()))
                .map(c -> (Class<?>) c);
    }

    @Test
    void everyEventClassCarriesARevisionAndIsARecord() {
        List<Class<?>> events = events().toList();
        assertThat(events).hasSizeGreaterThanOrEqualTo(20);
        assertThat(events).allSatisfy(c -> assertThat(c.isRecord()).as(c.getName()).isTrue());
    }

    @ParameterizedTest
    @MethodSource("events")
    void storedSampleOfEachRevisionLoadsAndWritesBackUnchanged(Class<?> event) throws IOException {
        String revision = event.getAnnotation(Revision.class).value();
        String path = "/samples/" + event.getName() + "/" + revision + ".json";
        try (InputStream in = getClass().getResourceAsStream(path)) {
            assertThat(in).as("stored sample %s (write one for every new event revision)", path).isNotNull();
            JsonNode stored = json.readTree(in);

            Object loaded = json.treeToValue(stored, event);
            JsonNode written = json.valueToTree(loaded);

            assertThat(written.equals(NUMBERS_BY_VALUE, stored))
                    .as("%s written back as %s", path, written).isTrue();
        }
    }
}
