package org.happserve.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * template.yaml as data, so the local runtime builds what the stack declares instead of a second
 * hand-written list. CloudFormation's short tags ({@code !Ref}, {@code !Sub}, …) become their
 * long forms; {@link #resolve} evaluates the intrinsics the template uses against local values.
 */
public final class CfnTemplate {
    private final Map<String, Object> root;
    private final Map<String, Object> refs = new LinkedHashMap<>();
    private final Map<String, Object> attributes = new LinkedHashMap<>();

    private CfnTemplate(Map<String, Object> root) {
        this.root = root;
    }

    public static CfnTemplate load(Path file) throws IOException {
        Yaml yaml = new Yaml(new CfnConstructor());
        Map<String, Object> root = yaml.load(Files.readString(file));
        return new CfnTemplate(root);
    }

    /** The template.yaml of the repository this runs in. */
    public static CfnTemplate ofRepository() {
        try {
            return load(RepoRoot.find().resolve("template.yaml"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A function as the local runtime needs it; {@code alias} is its AutoPublishAlias, or null. */
    public record Function(String logicalId, String handlerClass, Map<String, Object> environment,
                           List<Route> routes, List<Schedule> schedules, String alias) {}

    /** An HTTP API route; {@code authorized} unless the route says {@code Authorizer: NONE}. */
    public record Route(String method, String path, boolean authorized) {
        public String routeKey() {
            return method + " " + path;
        }
    }

    public record Schedule(String name, String expression) {}

    public Map<String, Map<String, Object>> resources(String type) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        map(root.get("Resources")).forEach((id, r) -> {
            if (type.equals(map(r).get("Type"))) out.put(id, map(r));
        });
        return out;
    }

    public Map<String, Object> properties(Map<String, Object> resource) {
        return map(resource.getOrDefault("Properties", Map.of()));
    }

    public String parameterDefault(String name) {
        Object p = map(root.getOrDefault("Parameters", Map.of())).get(name);
        return p == null ? null : String.valueOf(map(p).get("Default"));
    }

    public List<String> parameterNames() {
        return new ArrayList<>(map(root.getOrDefault("Parameters", Map.of())).keySet());
    }

    public List<Function> functions() {
        Map<String, Object> globals = map(map(map(root.getOrDefault("Globals", Map.of())).getOrDefault("Function", Map.of())));
        Map<String, Object> globalEnv = map(map(globals.getOrDefault("Environment", Map.of())).getOrDefault("Variables", Map.of()));
        List<Function> out = new ArrayList<>();
        resources("AWS::Serverless::Function").forEach((id, r) -> {
            Map<String, Object> props = properties(r);
            Map<String, Object> env = new LinkedHashMap<>(globalEnv);
            env.putAll(map(map(props.getOrDefault("Environment", Map.of())).getOrDefault("Variables", Map.of())));
            String handler = String.valueOf(props.get("Handler")).split("::")[0];
            List<Route> routes = new ArrayList<>();
            List<Schedule> schedules = new ArrayList<>();
            map(props.getOrDefault("Events", Map.of())).forEach((name, e) -> {
                Map<String, Object> ev = map(e);
                Map<String, Object> ep = map(ev.getOrDefault("Properties", Map.of()));
                switch (String.valueOf(ev.get("Type"))) {
                    case "HttpApi" -> {
                        Object auth = map(ep.getOrDefault("Auth", Map.of())).get("Authorizer");
                        routes.add(new Route(String.valueOf(ep.get("Method")).toUpperCase(), String.valueOf(ep.get("Path")),
                                !"NONE".equals(auth)));
                    }
                    case "ScheduleV2", "Schedule" -> schedules.add(new Schedule(name, String.valueOf(ep.get("ScheduleExpression"))));
                    default -> { }
                }
            });
            Object alias = props.getOrDefault("AutoPublishAlias", globals.get("AutoPublishAlias"));
            out.add(new Function(id, handler, env, routes, schedules, alias == null ? null : String.valueOf(alias)));
        });
        return out;
    }

    /** What {@code !Ref id} means locally (a parameter value or a resource's physical id). */
    public void bindRef(String logicalId, Object value) {
        refs.put(logicalId, value);
    }

    /** What {@code !GetAtt id.attribute} means locally. */
    public void bindAttribute(String logicalId, String attribute, Object value) {
        attributes.put(logicalId + "." + attribute, value);
    }

    private static final Pattern SUB_VAR = Pattern.compile("\\$\\{([^}!][^}]*)}");

    /** Evaluates Ref, Fn::Sub, Fn::GetAtt and Fn::Join against the bound values. */
    public Object resolve(Object value) {
        if (value instanceof Map<?, ?> m && m.size() == 1) {
            var entry = m.entrySet().iterator().next();
            String fn = String.valueOf(entry.getKey());
            Object arg = entry.getValue();
            switch (fn) {
                case "Ref" -> {
                    return lookup(String.valueOf(arg));
                }
                case "Fn::GetAtt" -> {
                    List<?> parts = (List<?>) arg;
                    String key = parts.get(0) + "." + parts.get(1);
                    if (!attributes.containsKey(key)) throw new IllegalStateException("no local value for !GetAtt " + key);
                    return attributes.get(key);
                }
                case "Fn::Sub" -> {
                    String text = arg instanceof List<?> l ? String.valueOf(l.get(0)) : String.valueOf(arg);
                    Map<?, ?> vars = arg instanceof List<?> l && l.size() > 1 ? (Map<?, ?>) l.get(1) : Map.of();
                    Matcher mm = SUB_VAR.matcher(text);
                    StringBuilder sb = new StringBuilder();
                    while (mm.find()) {
                        String name = mm.group(1);
                        Object v = vars.containsKey(name) ? resolve(vars.get(name))
                                : name.contains(".") ? resolve(Map.of("Fn::GetAtt", List.of(name.split("\\.", 2))))
                                : lookup(name);
                        mm.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf(v)));
                    }
                    return mm.appendTail(sb).toString();
                }
                case "Fn::Join" -> {
                    List<?> l = (List<?>) arg;
                    List<String> parts = new ArrayList<>();
                    for (Object o : (List<?>) resolve(l.get(1))) parts.add(String.valueOf(resolve(o)));
                    return String.join(String.valueOf(l.get(0)), parts);
                }
                default -> { }
            }
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, resolve(v)));
            return out;
        }
        if (value instanceof List<?> l) return l.stream().map(this::resolve).toList();
        return value;
    }

    private Object lookup(String name) {
        if (!refs.containsKey(name)) throw new IllegalStateException("no local value for !Ref " + name);
        return refs.get(name);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    /** Reads CloudFormation's short-form tags as their long forms. */
    private static final class CfnConstructor extends SafeConstructor {
        CfnConstructor() {
            super(new LoaderOptions());
            for (String fn : List.of("Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue", "Join", "Select",
                    "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or")) {
                yamlConstructors.put(new Tag("!" + fn), new Intrinsic("Fn::" + fn));
            }
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String fn;

            Intrinsic(String fn) {
                this.fn = fn;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode s) value = constructScalar(s);
                else if (node instanceof SequenceNode q) value = constructSequence(q);
                else value = constructMapping((MappingNode) node);
                if (fn.equals("Fn::GetAtt") && value instanceof String s) value = List.of(s.split("\\.", 2));
                return Map.of(fn, value);
            }
        }
    }
}
