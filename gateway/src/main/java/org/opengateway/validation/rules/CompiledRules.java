package org.opengateway.validation.rules;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XsltExecutable;
import org.opengateway.document.Sha256;

/**
 * Every rule layer of the catalogue, checked against its SHA-256 and compiled once. A compiled
 * {@link XsltExecutable} is immutable and shared by all threads; each validation loads its own transformer.
 */
public final class CompiledRules {

    /** A compiled rule set of one release. */
    public record CompiledRuleSet(String id, RuleCatalogue.Release release, List<CompiledLayer> layers) {
    }

    /**
     * One rule file, compiled. {@code xslt} is what runs: the file as {@link RuleOptimizer} rewrites it, or as it is.
     * When the rewrite merged the patterns into one walk ({@code merged}), the findings must be put back in pattern
     * order, and a run that stops on a dynamic error has to be redone with the file as it is ({@link #exact()},
     * compiled the first time it is needed) to stop at the same point with the same findings.
     */
    public static final class CompiledLayer {
        private final String name;
        private final XsltExecutable xslt;
        private final boolean merged;
        private final java.util.function.Supplier<XsltExecutable> compileExact;
        private volatile XsltExecutable exact;

        CompiledLayer(String name, XsltExecutable xslt, boolean merged,
                java.util.function.Supplier<XsltExecutable> compileExact) {
            this.name = name;
            this.xslt = xslt;
            this.merged = merged;
            this.compileExact = compileExact;
        }

        /** A rule file compiled as published, for rules outside the catalogue (such as the Peppol report rules). */
        public static CompiledLayer asPublished(String name, XsltExecutable xslt) {
            return new CompiledLayer(name, xslt, false, () -> xslt);
        }

        public String name() {
            return name;
        }

        public XsltExecutable xslt() {
            return xslt;
        }

        public boolean merged() {
            return merged;
        }

        /** The file compiled as it is (the same as {@link #xslt()} when it was not rewritten). */
        public XsltExecutable exact() {
            XsltExecutable compiled = exact;
            if (compiled == null) {
                synchronized (this) {
                    if (exact == null) {
                        exact = compileExact.get();
                    }
                    compiled = exact;
                }
            }
            return compiled;
        }
    }


    private final RuleCatalogue catalogue;
    private final Map<String, Map<String, CompiledRuleSet>> byReleaseAndCustomization = new HashMap<>();

    public CompiledRules(RuleCatalogue catalogue, Processor saxon, ClassLoader classLoader) {
        this(catalogue, saxon, classLoader, true);
    }

    /**
     * @param optimize whether each rule file is compiled as {@link RuleOptimizer} rewrites it (the same findings,
     *                 faster) rather than as it is
     */
    public CompiledRules(RuleCatalogue catalogue, Processor saxon, ClassLoader classLoader, boolean optimize) {
        this.catalogue = catalogue;
        Map<String, CompiledLayer> compiledByResource = new HashMap<>();
        for (RuleCatalogue.Release release : catalogue.releases()) {
            Map<String, CompiledRuleSet> sets = new LinkedHashMap<>();
            for (RuleCatalogue.RuleSet ruleSet : release.ruleSets()) {
                List<CompiledLayer> layers = ruleSet.layers().stream()
                        .map(layer -> compiledByResource.computeIfAbsent(layer.name() + "@" + layer.resource()
                                + "@" + layer.sha256(), key -> compile(saxon, classLoader, release, layer, optimize)))
                        .toList();
                CompiledRuleSet compiled = new CompiledRuleSet(ruleSet.id(), release, layers);
                ruleSet.customizationIds().forEach(id -> sets.put(id.trim(), compiled));
            }
            byReleaseAndCustomization.put(release.id(), sets);
        }
    }

    public RuleCatalogue catalogue() {
        return catalogue;
    }

    /** The rule set of the release for a CustomizationID, or null when the release has none for it. */
    public CompiledRuleSet ruleSet(RuleCatalogue.Release release, String customizationId) {
        return customizationId == null ? null
                : byReleaseAndCustomization.get(release.id()).get(customizationId.trim());
    }

    public List<String> knownCustomizationIds(RuleCatalogue.Release release) {
        return List.copyOf(byReleaseAndCustomization.get(release.id()).keySet());
    }

    private static CompiledLayer compile(Processor saxon, ClassLoader classLoader, RuleCatalogue.Release release,
            RuleCatalogue.Layer layer, boolean optimize) {
        URL url = classLoader.getResource(layer.resource());
        String where = "release " + release.id() + ", layer '" + layer.name() + "' (" + layer.resource() + " from "
                + layer.artefact() + ")";
        if (url == null) {
            throw new IllegalStateException("The rule file of " + where + " is not on the classpath. Add the"
                    + " artefact " + layer.artefact() + " to the build.");
        }
        byte[] bytes;
        try (InputStream in = url.openStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the rule file of " + where + ": " + e.getMessage(), e);
        }
        String actual = Sha256.hex(bytes);
        if (!actual.equalsIgnoreCase(layer.sha256())) {
            throw new IllegalStateException("The rule file of " + where + " has SHA-256 " + actual + ", but the"
                    + " catalogue expects " + layer.sha256() + ". The artefact is not the one the release was"
                    + " checked with; the gateway will not validate with unknown rules.");
        }
        String systemId = url.toExternalForm();
        if (!optimize) {
            XsltExecutable exact = compile(saxon, new StreamSource(new ByteArrayInputStream(bytes), systemId), where);
            return new CompiledLayer(layer.name(), exact, false, () -> exact);
        }
        RuleOptimizer.Outcome optimized = RuleOptimizer.optimize(bytes);
        XsltExecutable fast = compile(saxon, new DOMSource(optimized.stylesheet(), systemId), where);
        return new CompiledLayer(layer.name(), fast, optimized.merged(),
                () -> compile(saxon, new StreamSource(new ByteArrayInputStream(bytes), systemId), where));
    }

    private static XsltExecutable compile(Processor saxon, Source source, String where) {
        try {
            return saxon.newXsltCompiler().compile(source);
        } catch (SaxonApiException e) {
            throw new IllegalStateException("The rule file of " + where + " does not compile: " + e.getMessage(), e);
        }
    }
}
