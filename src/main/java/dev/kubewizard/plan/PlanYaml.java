package dev.kubewizard.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubewizard.text.Messages;
import dev.kubewizard.text.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Reads and writes plan files (YAML, UTF-8, LF). */
public final class PlanYaml {
    /** The course's plan (3 masters, 2 workers, an nginx load-balancer host), shipped inside the application. */
    public static final String COURSE_EXAMPLE = "/dev/kubewizard/plans/course.yaml";

    private static final ObjectMapper MAPPER = YAMLMapper.builder(YAMLFactory.builder()
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private PlanYaml() {
    }

    public static ClusterPlan read(Path file) throws PlanFormatException, IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
    }

    public static void write(ClusterPlan plan, Path file) throws IOException {
        Files.writeString(file, toYaml(plan), StandardCharsets.UTF_8);
    }

    public static ClusterPlan courseExample() {
        try (InputStream in = PlanYaml.class.getResourceAsStream(COURSE_EXAMPLE)) {
            if (in == null) {
                throw new IllegalStateException("the built-in course plan is missing from the application");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "course.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (PlanFormatException e) {
            throw new IllegalStateException("the built-in course plan does not load: " + e.getMessage(), e);
        }
    }

    public static String toYaml(ClusterPlan plan) {
        try {
            return MAPPER.writeValueAsString(plan).replace("\r\n", "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a plan could not be written as YAML", e);
        }
    }

    /** Parses plan text; {@code source} names it in messages (a file name). */
    public static ClusterPlan parse(String text, String source) throws PlanFormatException {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new PlanFormatException(source, 0, 0, "", Messages.text("plan.format.empty"));
        }
        ClusterPlan plan;
        try {
            plan = MAPPER.readValue(text, ClusterPlan.class);
        } catch (JsonProcessingException e) {
            throw translate(e, source);
        }
        if (plan == null) {
            throw new PlanFormatException(source, 0, 0, "", Messages.text("plan.format.empty"));
        }
        if (!ClusterPlan.API_VERSION.equals(plan.apiVersion())) {
            throw new PlanFormatException(source, 0, 0, "apiVersion",
                    Messages.text("plan.format.apiVersion", String.valueOf(plan.apiVersion()), ClusterPlan.API_VERSION));
        }
        return plan;
    }

    private static PlanFormatException translate(JsonProcessingException e, String source) {
        JsonLocation at = e.getLocation();
        int line = at == null ? 0 : Math.max(at.getLineNr(), 0);
        int column = at == null ? 0 : Math.max(at.getColumnNr(), 0);
        if (e instanceof UnrecognizedPropertyException u) {
            String path = path(u.getPath());
            List<String> known = u.getKnownPropertyIds() == null ? List.of()
                    : u.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            return new PlanFormatException(source, line, column, path,
                    Messages.text("plan.format.unknownField", u.getPropertyName(), String.join(", ", known)));
        }
        if (e instanceof InvalidFormatException f) {
            return new PlanFormatException(source, line, column, path(f.getPath()),
                    Messages.text("plan.format.badValue", String.valueOf(f.getValue()), simpleType(f.getTargetType())));
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            return new PlanFormatException(source, line, column, path(v.getPath()),
                    Messages.text("plan.format.badValueReason", v.getCause().getMessage()));
        }
        if (e instanceof MismatchedInputException m) {
            return new PlanFormatException(source, line, column, path(m.getPath()),
                    Messages.text("plan.format.wrongShape", simpleType(m.getTargetType())));
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return new PlanFormatException(source, line, column, path(m.getPath()),
                    Messages.text("plan.format.badValueReason", m.getOriginalMessage()));
        }
        // YAML syntax (snakeyaml) and duplicate keys: the original message names the problem; drop Jackson's tail.
        String reason = e.getOriginalMessage();
        int cut = reason.indexOf("\n at [Source");
        if (cut >= 0) {
            reason = reason.substring(0, cut);
        }
        reason = reason.lines().map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.joining(" "));
        return new PlanFormatException(source, line, column, "", Messages.text("plan.format.syntax", reason));
    }

    /** Jackson's reference chain as a plan field path: {@code nodes[3].address}. */
    static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            }
        }
        return b.toString();
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "?";
        }
        if (type == Integer.class || type == int.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true/false";
        }
        if (type == String.class) {
            return "text";
        }
        if (List.class.isAssignableFrom(type)) {
            return "list";
        }
        if (type.isEnum()) {
            StringBuilder b = new StringBuilder();
            for (Object c : type.getEnumConstants()) {
                if (b.length() > 0) {
                    b.append(" | ");
                }
                b.append(c.toString().toLowerCase(java.util.Locale.ROOT));
            }
            return b.toString();
        }
        return "mapping";
    }

}
