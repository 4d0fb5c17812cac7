package dev.kubewizard.plan;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random changes to a plan for robustness tests: any field of any record may become null, an odd string or number,
 * another enum constant; lists and maps may shrink, grow or gain nulls. Seeded, so a failure can be replayed.
 */
final class PlanMutator {
    /** Strings that have broken parsers and validators elsewhere, and some that are almost right. */
    static final List<String> ODD_STRINGS = List.of("", " ", "\t", "\n", "  x  ", "a b", "\u0000", "\uD800", "\uFEFF",
            "中文", "主节点1", "K8S-Master1", "k8s_node1", "-", "-a", "a-", ".", "..", "/", "//", "://", "~", "null",
            "true", "yes", "no", "on", "0", "-1", "1e3", "0x1F", "012", "1.30", "1.34", "v1.34", "1.34.2",
            "1.99999999999", "v3.28.2", "3.28.2", "v3.999999999.1", "192.168.1.100", "192.168.1.101",
            "192.168.1.201", "192.168.001.010", "999.1.1.1", "1.1.1", "127.0.0.1", "169.254.1.1", "0.0.0.0",
            "255.255.255.255", "::1", "fe80::1%eth0", "10.244.0.0/16", "10.244.1.0/16", "0.0.0.0/0",
            "192.168.0.0/16", "1.2.3.4/", "/24", "1.2.3.4/99", "10.96.0.0/12", "http://", "https://",
            "https://x", "https://a b", "https://[::1]:80/", "http://user:pw@host/", "ftp://x", "mirrors.aliyun.com",
            "host:99999", "host:0", "host:-1", "host:", ":80", "harbor.labworlds.cc",
            "harbor.labworlds.cc/go-starter/dev:lbw-v1.0", "harbor.labworlds.cc:8080", "@sha256:", "a@b", "a:b:c",
            "%", "'", "\"", "#x", "- x", "a: b", "{a}", "[a]", "*x", "&x", "!x", "|", ">", "C:\\Users\\t\\id_rsa",
            "../../etc/passwd", "/nonexistent/dir/file", "id_rsa.pub", "x".repeat(70), "y".repeat(300),
            "a.".repeat(140), "-".repeat(100) + "!", "😀", "\u2028", "\u0085");
    private static final List<Integer> ODD_NUMBERS = List.of(0, -1, 1, 22, 179, 2379, 6443, 16443, 65535, 65536,
            Integer.MAX_VALUE, Integer.MIN_VALUE);

    private final Random random;

    PlanMutator(long seed) {
        this.random = new Random(seed);
    }

    ClusterPlan mutate(ClusterPlan plan) {
        ClusterPlan mutated = plan;
        int changes = 1 + random.nextInt(4);
        for (int i = 0; i < changes; i++) {
            mutated = (ClusterPlan) mutateRecord(mutated, ClusterPlan.class);
        }
        return mutated;
    }

    String oddString() {
        return random.nextInt(6) == 0 ? randomText() : ODD_STRINGS.get(random.nextInt(ODD_STRINGS.size()));
    }

    private String randomText() {
        StringBuilder b = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            b.append((char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x3000)));
        }
        return b.toString();
    }

    /** Changes one component of the record (or a component deeper inside it). */
    private Object mutateRecord(Object record, Class<?> type) {
        if (record == null) {
            return random.nextBoolean() ? null : randomValue(type);
        }
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = read(components[i], record);
        }
        int which = random.nextInt(components.length);
        values[which] = mutateValue(values[which], components[which].getGenericType());
        return construct(type, components, values);
    }

    private Object mutateValue(Object value, Type type) {
        Class<?> raw = raw(type);
        if (raw.isRecord() && value != null && random.nextInt(3) > 0) {
            return mutateRecord(value, raw);
        }
        if (List.class.isAssignableFrom(raw) && value != null && random.nextInt(3) > 0) {
            List<Object> list = new ArrayList<>((List<?>) value);
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            if (!list.isEmpty() && random.nextBoolean()) {
                int i = random.nextInt(list.size());
                list.set(i, mutateValue(list.get(i), element));
            } else if (!list.isEmpty() && random.nextBoolean()) {
                list.remove(random.nextInt(list.size()));
            } else {
                list.add(random.nextInt(list.size() + 1), randomValue(element));
            }
            if (raw(element) == Node.class) {
                list.removeIf(java.util.Objects::isNull);
            }
            return list;
        }
        if (Map.class.isAssignableFrom(raw) && value != null && random.nextInt(3) > 0) {
            Map<Object, Object> map = new LinkedHashMap<>((Map<?, ?>) value);
            Type valueType = ((ParameterizedType) type).getActualTypeArguments()[1];
            if (!map.isEmpty() && random.nextBoolean()) {
                Object key = new ArrayList<>(map.keySet()).get(random.nextInt(map.size()));
                map.put(key, mutateValue(map.get(key), valueType));
            } else {
                map.put(random.nextInt(5) == 0 ? null : oddString(), randomValue(valueType));
            }
            return map;
        }
        return randomValue(type);
    }

    private Object randomValue(Type type) {
        Class<?> raw = raw(type);
        if (random.nextInt(4) == 0 && raw != List.class) {
            return null;
        }
        if (raw == String.class) {
            return oddString();
        }
        if (raw == Integer.class) {
            return ODD_NUMBERS.get(random.nextInt(ODD_NUMBERS.size()));
        }
        if (raw == Boolean.class) {
            return random.nextBoolean();
        }
        if (raw.isEnum()) {
            Object[] constants = raw.getEnumConstants();
            return constants[random.nextInt(constants.length)];
        }
        if (raw.isRecord()) {
            RecordComponent[] components = raw.getRecordComponents();
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                values[i] = random.nextBoolean() ? null : randomValue(components[i].getGenericType());
            }
            return construct(raw, components, values);
        }
        if (List.class.isAssignableFrom(raw)) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            List<Object> list = new ArrayList<>();
            int size = random.nextInt(4);
            for (int i = 0; i < size; i++) {
                Object e = randomValue(element);
                if (e != null || raw(element) != Node.class) {
                    list.add(e);
                }
            }
            return list;
        }
        if (Map.class.isAssignableFrom(raw)) {
            Type valueType = ((ParameterizedType) type).getActualTypeArguments()[1];
            Map<Object, Object> map = new LinkedHashMap<>();
            int size = random.nextInt(3);
            for (int i = 0; i < size; i++) {
                map.put(oddString(), randomValue(valueType));
            }
            return map;
        }
        throw new IllegalStateException("no random value for " + type);
    }

    /** The plan with every string except apiVersion (map keys included) replaced by {@code change}. */
    static ClusterPlan replaceStrings(ClusterPlan plan, java.util.function.UnaryOperator<String> change) {
        ClusterPlan changed = (ClusterPlan) replaceIn(plan, ClusterPlan.class, change);
        return new ClusterPlan(plan.apiVersion(), changed.cluster(), changed.loadBalancer(), changed.nodes(),
                changed.ssh(), changed.mirrors(), changed.harbor(), changed.cni());
    }

    private static Object replaceIn(Object value, Type type, java.util.function.UnaryOperator<String> change) {
        if (value == null) {
            return null;
        }
        Class<?> raw = raw(type);
        if (raw == String.class) {
            return change.apply((String) value);
        }
        if (raw.isRecord()) {
            RecordComponent[] components = raw.getRecordComponents();
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                values[i] = replaceIn(read(components[i], value), components[i].getGenericType(), change);
            }
            return construct(raw, components, values);
        }
        if (List.class.isAssignableFrom(raw)) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            return ((List<?>) value).stream().map(e -> replaceIn(e, element, change)).toList();
        }
        if (Map.class.isAssignableFrom(raw)) {
            Type valueType = ((ParameterizedType) type).getActualTypeArguments()[1];
            Map<Object, Object> map = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> map.put(change.apply((String) k), replaceIn(v, valueType, change)));
            return map;
        }
        return value;
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object construct(Class<?> type, RecordComponent[] components, Object[] values) {
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
