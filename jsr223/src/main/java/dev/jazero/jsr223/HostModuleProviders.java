package dev.jazero.jsr223;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Finds the {@link HostModuleProvider} of an object's class: the providers that
 * {@link ServiceLoader} finds through the class's own loader, matched by the class literal each
 * returns against the class and its supertypes. Cached per class, so that bindings full of other
 * objects cost one map lookup each.
 */
final class HostModuleProviders {

    private static final HostModuleProvider NONE = new HostModuleProvider() {
        @Override
        public Class<?> hostClass() {
            return Void.class;
        }

        @Override
        public String moduleName() {
            return "";
        }

        @Override
        public void exportFunctions(dev.jazero.HostModuleBuilder builder, Object host) {
        }
    };

    private static final Map<ClassLoader, Map<Class<?>, HostModuleProvider>> BY_LOADER =
            Collections.synchronizedMap(new WeakHashMap<>());

    private static final ClassValue<HostModuleProvider> BY_CLASS = new ClassValue<>() {
        @Override
        protected HostModuleProvider computeValue(Class<?> type) {
            ClassLoader loader = type.getClassLoader();
            if (loader == null) {
                return NONE;   // java.*: no host modules there
            }
            Map<Class<?>, HostModuleProvider> providers = BY_LOADER.computeIfAbsent(loader, HostModuleProviders::load);
            if (providers.isEmpty()) {
                return NONE;
            }
            Deque<Class<?>> todo = new ArrayDeque<>();
            Set<Class<?>> seen = new HashSet<>();
            todo.add(type);
            while (!todo.isEmpty()) {
                Class<?> c = todo.poll();
                if (!seen.add(c)) {
                    continue;
                }
                HostModuleProvider p = providers.get(c);
                if (p != null) {
                    return p;
                }
                if (c.getSuperclass() != null) {
                    todo.add(c.getSuperclass());
                }
                todo.addAll(List.of(c.getInterfaces()));
            }
            return NONE;
        }
    };

    private HostModuleProviders() {
    }

    private static Map<Class<?>, HostModuleProvider> load(ClassLoader loader) {
        Map<Class<?>, HostModuleProvider> map = new IdentityHashMap<>();
        Iterator<HostModuleProvider> providers = ServiceLoader.load(HostModuleProvider.class, loader).iterator();
        for (int errors = 0; errors < 100; ) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                HostModuleProvider p = providers.next();
                map.putIfAbsent(p.hostClass(), p);
            } catch (ServiceConfigurationError e) {
                errors++;   // a stale or broken entry: the others still count
            }
        }
        return map;
    }

    /** The provider for {@code host}'s class, or null. */
    static HostModuleProvider of(Object host) {
        HostModuleProvider p = BY_CLASS.get(host.getClass());
        return p == NONE ? null : p;
    }
}
