package dev.kubewizard.plan;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubewizard.text.Messages;
import dev.kubewizard.text.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

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
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // Records' helpers such as Harbor.isHttps() are not plan fields: writing them makes the file unreadable.
            .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
            // "- " or "~" inside a list is a slip, not a value: report it with its path instead of failing later.
            .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
            .addModule(new SimpleModule("plan-enums")
                    .addDeserializer(Role.class, new LowerCaseEnum<>(Role.class))
                    .addDeserializer(LbMode.class, new LowerCaseEnum<>(LbMode.class))
                    .addDeserializer(SshAuth.class, new LowerCaseEnum<>(SshAuth.class)))
            .build();

    private PlanYaml() {
    }

    /** Reads a plan file: UTF-8 (with or without BOM), or UTF-16 with BOM as some Windows editors save it. */
    public static ClusterPlan read(Path file) throws PlanFormatException, IOException {
        String source = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return parse(decode(Files.readAllBytes(file), source), source);
    }

    /** Plan bytes as text. Anything but UTF-8 (e.g. GBK from a Chinese Windows editor) is reported with its line. */
    static String decode(byte[] bytes, String source) throws PlanFormatException {
        if (bytes.length >= 2 && (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF
                || bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)) {
            return new String(bytes, StandardCharsets.UTF_16);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new PlanFormatException(source, line, 0, "", Messages.text("plan.format.notUtf8"));
        }
        return out.flip().toString();
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
        } catch (RuntimeException e) {
            // The YAML parser's own limits and faults: still the user's file, never a stack trace.
            throw new PlanFormatException(source, 0, 0, "",
                    Messages.text("plan.format.unreadable", oneLine(String.valueOf(e.getMessage()))));
        }
        if (plan == null) {
            throw new PlanFormatException(source, 0, 0, "", Messages.text("plan.format.empty"));
        }
        if (plan.apiVersion() == null) {
            throw new PlanFormatException(source, 0, 0, "apiVersion",
                    Messages.text("plan.format.apiVersionMissing", ClusterPlan.API_VERSION));
        }
        if (!ClusterPlan.API_VERSION.equals(plan.apiVersion())) {
            throw new PlanFormatException(source, 0, 0, "apiVersion",
                    Messages.text("plan.format.apiVersion", oneLine(plan.apiVersion()), ClusterPlan.API_VERSION));
        }
        return plan;
    }

    private static PlanFormatException translate(JsonProcessingException e, String source) {
        MarkedYAMLException yaml = yamlSyntax(e);
        if (yaml != null) {
            return syntax(yaml, source);
        }
        JsonLocation at = e.getLocation();
        int line = at == null ? 0 : Math.max(at.getLineNr(), 0);
        int column = at == null ? 0 : Math.max(at.getColumnNr(), 0);
        StreamReadException duplicate = duplicateField(e);
        if (duplicate != null && duplicate.getProcessor() != null
                && duplicate.getProcessor().getParsingContext() != null) {
            JsonStreamContext where = duplicate.getProcessor().getParsingContext();
            return new PlanFormatException(source, line, column, contextPath(where),
                    Messages.text("plan.format.duplicateField", oneLine(String.valueOf(where.getCurrentName()))));
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String path = path(u.getPath());
            List<String> known = u.getKnownPropertyIds() == null ? List.of()
                    : u.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            String name = oneLine(u.getPropertyName());
            String closest = closest(u.getPropertyName(), known);
            return new PlanFormatException(source, line, column, path, closest == null
                    ? Messages.text("plan.format.unknownField", name, String.join(", ", known))
                    : Messages.text("plan.format.unknownFieldSuggest", name, closest,
                            String.join(", ", known)));
        }
        if (e instanceof InvalidNullException n) {
            return new PlanFormatException(source, line, column, path(n.getPath()),
                    Messages.text("plan.format.emptyEntry"));
        }
        if (e instanceof MismatchedInputException m && m.getPath().isEmpty()) {
            // The whole document is not a mapping (a scalar, a list, a second document...).
            String key = m.getOriginalMessage().startsWith("Trailing token") ? "plan.format.severalDocuments"
                    : "plan.format.notAPlan";
            return new PlanFormatException(source, line, column, "", Messages.text(key, ClusterPlan.API_VERSION));
        }
        if (e instanceof InvalidFormatException f) {
            return new PlanFormatException(source, line, column, path(f.getPath()),
                    withKind("plan.format.badValue", kind(f.getTargetType()), valueText(f.getValue())));
        }
        if (e instanceof MismatchedInputException m) {
            return new PlanFormatException(source, line, column, path(m.getPath()),
                    withKind("plan.format.wrongShape", kind(m.getTargetType())));
        }
        if (e instanceof JsonMappingException m && m.getCause() instanceof InputCoercionException) {
            return new PlanFormatException(source, line, column, path(m.getPath()),
                    Messages.text("plan.format.numberTooLarge"));
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            return new PlanFormatException(source, line, column, path(v.getPath()),
                    Messages.text("plan.format.badValueReason", oneLine(String.valueOf(v.getCause().getMessage()))));
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return new PlanFormatException(source, line, column, path(m.getPath()),
                    Messages.text("plan.format.badValueReason", oneLine(String.valueOf(m.getOriginalMessage()))));
        }
        String reason = String.valueOf(e.getOriginalMessage());
        reason = reason.lines().map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.joining(" "));
        return new PlanFormatException(source, line, column, "", Messages.text("plan.format.syntax", reason));
    }

    /** STRICT_DUPLICATE_DETECTION's error, wherever Jackson wrapped it. */
    private static StreamReadException duplicateField(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamReadException r
                    && String.valueOf(r.getOriginalMessage()).startsWith("Duplicate field")) {
                return r;
            }
        }
        return null;
    }

    /** The YAML scanner's or parser's own error, wherever Jackson wrapped it. */
    private static MarkedYAMLException yamlSyntax(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MarkedYAMLException m) {
                return m;
            }
        }
        return null;
    }

    /**
     * YAML syntax errors, with a plain explanation for the slips people make most (tabs, indentation, a ':' in a
     * value, an unclosed quote or bracket) and the position where the fix is needed.
     */
    private static PlanFormatException syntax(MarkedYAMLException y, String source) {
        String problem = String.valueOf(y.getProblem());
        String context = y.getContext() == null ? "" : y.getContext();
        Mark mark = y.getProblemMark();
        String key = null;
        if (problem.contains("TAB")) {
            key = "plan.format.syntax.tab";
        } else if (problem.startsWith("mapping values are not allowed")) {
            key = "plan.format.syntax.colon";
        } else if (problem.startsWith("expected <block end>")) {
            key = "plan.format.syntax.indent";
        } else if (problem.startsWith("could not find expected ':'")) {
            key = "plan.format.syntax.missingColon";
        } else if (context.startsWith("while scanning a quoted scalar")) {
            key = "plan.format.syntax.quote";
            mark = y.getContextMark() == null ? mark : y.getContextMark();
        } else if (context.startsWith("while parsing a flow")) {
            key = "plan.format.syntax.bracket";
            mark = y.getContextMark() == null ? mark : y.getContextMark();
        }
        int line = mark == null ? 0 : mark.getLine() + 1;
        int column = mark == null ? 0 : mark.getColumn() + 1;
        Text text = key != null ? Messages.text(key)
                : Messages.text("plan.format.syntax", (context.isEmpty() ? "" : context + ": ") + problem);
        return new PlanFormatException(source, line, column, "", text);
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

    /** Where the parser stands, as a plan field path (for errors found before any value is built). */
    private static String contextPath(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add(0, "[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                parts.add(0, "." + c.getCurrentName());
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    /** The known field a typo most likely meant (at most 2 edits away), or null. */
    static String closest(String typed, List<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int d = editDistance(typed.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int editDistance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1),
                        diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.length()];
    }

    private static String valueText(Object value) {
        return value instanceof byte[] ? "(binary)" : oneLine(String.valueOf(value));
    }

    /** A value quoted in a one-line message: control characters shown as escapes, long values cut. */
    private static String oneLine(String value) {
        StringBuilder b = new StringBuilder();
        value.codePoints().limit(60).forEach(c -> {
            if (c == '\n') {
                b.append("\\n");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return value.codePointCount(0, value.length()) > 60 ? b + "..." : b.toString();
    }

    /** A message whose last argument names a kind of value, in each language. */
    private static Text withKind(String key, Text kind, String... leading) {
        Object[] zh = Arrays.copyOf(leading, leading.length + 1, Object[].class);
        Object[] en = Arrays.copyOf(leading, leading.length + 1, Object[].class);
        zh[leading.length] = kind.zh();
        en[leading.length] = kind.en();
        return new Text(Messages.format(key, "zh", zh), Messages.format(key, "en", en));
    }

    /** What a field expects, as the user would say it. */
    private static Text kind(Class<?> type) {
        if (type == null) {
            return Messages.text("plan.format.kind.value");
        }
        if (type == Integer.class || type == int.class) {
            return Messages.text("plan.format.kind.number");
        }
        if (type == Boolean.class || type == boolean.class) {
            return Messages.text("plan.format.kind.boolean");
        }
        if (type == String.class) {
            return Messages.text("plan.format.kind.text");
        }
        if (List.class.isAssignableFrom(type)) {
            return Messages.text("plan.format.kind.list");
        }
        if (type.isEnum()) {
            StringBuilder b = new StringBuilder();
            for (Object c : type.getEnumConstants()) {
                if (b.length() > 0) {
                    b.append(" | ");
                }
                b.append(((Enum<?>) c).name().toLowerCase(Locale.ROOT));
            }
            return Text.of(b.toString(), b.toString());
        }
        return Messages.text("plan.format.kind.mapping");
    }

    /**
     * The plan's enums as written in the file (lower-case names). An unknown name becomes an error that carries the
     * value and the allowed names, in both languages, instead of the enum's English exception text.
     */
    private static final class LowerCaseEnum<E extends Enum<E>> extends StdScalarDeserializer<E> {
        private static final long serialVersionUID = 1L;
        private final Class<E> type;

        LowerCaseEnum(Class<E> type) {
            super(type);
            this.type = type;
        }

        @Override
        public E deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.currentToken().isScalarValue()) {
                @SuppressWarnings("unchecked")
                E none = (E) ctxt.handleUnexpectedToken(type, p);
                return none;
            }
            String text = p.getText();
            for (E constant : type.getEnumConstants()) {
                if (constant.name().toLowerCase(Locale.ROOT).equals(text)) {
                    return constant;
                }
            }
            throw ctxt.weirdStringException(text, type, "not one of the allowed names");
        }
    }
}
