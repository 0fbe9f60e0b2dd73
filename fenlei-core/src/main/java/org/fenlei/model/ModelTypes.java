package org.fenlei.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** Every {@link ModelType} on the class path, by name, in the order the service files list them. */
public final class ModelTypes {
    private static final Map<String, ModelType> TYPES = load();

    private ModelTypes() {
    }

    private static Map<String, ModelType> load() {
        Map<String, ModelType> types = new LinkedHashMap<>();
        for (ModelType type : ServiceLoader.load(ModelType.class, ModelTypes.class.getClassLoader())) {
            ModelType before = types.putIfAbsent(type.name(), type);
            if (before != null && before.getClass() != type.getClass()) {
                throw new IllegalStateException("two model types are named '" + type.name() + "': "
                        + before.getClass().getName() + " and " + type.getClass().getName());
            }
        }
        return Collections.unmodifiableMap(types);
    }

    /** The type named {@code name}; an error that lists the names when there is none. */
    public static ModelType get(String name) {
        ModelType type = TYPES.get(name);
        if (type == null) {
            throw new IllegalArgumentException("unknown model '" + name + "'; available: "
                    + String.join(", ", names()));
        }
        return type;
    }

    public static boolean exists(String name) {
        return TYPES.containsKey(name);
    }

    public static List<String> names() {
        return new ArrayList<>(TYPES.keySet());
    }
}
