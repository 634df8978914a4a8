package org.opengateway.transport.as4;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A class loader that remembers where the {@code META-INF/services} files are. phase4 looks up its plug-ins through
 * {@link java.util.ServiceLoader} for every message it reads, and in the gateway's jar, which holds some two hundred
 * jars, each lookup searches all of them: several percent of the CPU of every exchange. Run phase4 with this as the
 * thread's context class loader and the search is made once. Everything else is left to the parent.
 */
final class ServiceFileCache extends ClassLoader {

    private static final String SERVICE_FILES = "META-INF/services/";

    static {
        registerAsParallelCapable();
    }

    private final Map<String, List<URL>> found = new ConcurrentHashMap<>();

    ServiceFileCache(ClassLoader parent) {
        super("service-file-cache", parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (!name.startsWith(SERVICE_FILES)) {
            return super.getResources(name);
        }
        List<URL> urls = found.get(name);
        if (urls == null) {
            urls = List.copyOf(Collections.list(getParent().getResources(name)));
            found.put(name, urls);
        }
        return Collections.enumeration(urls);
    }

    /** Runs {@code work} with this as the current thread's context class loader. */
    <T> T run(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(this);
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
