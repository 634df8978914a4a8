package org.opengateway.validation.rules;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Rewrites a schematron compiled to XSLT by the ISO skeleton (as the official Peppol and CEN rule files are) into an
 * equivalent one that runs faster, in memory, when the rules are loaded: the rule files themselves are never changed.
 * Only output that no finding is made of is dropped, and only work whose result is known in advance is skipped; every
 * {@code svrl:failed-assert} and {@code svrl:successful-report} comes out exactly as before, in the same order:
 * <ul>
 * <li>The root template writes, per pattern, an {@code svrl:active-pattern} element holding an {@code apply-templates}
 * in the default mode, whose only template strips text: a walk of the whole document that writes nothing. These are
 * dropped, as are the {@code svrl:ns-prefix-in-attribute-values} elements and the comment of file parameters.</li>
 * <li>Every rule that fires writes an {@code svrl:fired-rule} element: dropped.</li>
 * <li>A rule made of many asserts of the form {@code not(a/b/c)} (the UBL syntax rules of EN 16931 have hundreds: this
 * or that element must not be used) evaluates each path in turn. Where several such asserts follow each other, they
 * are wrapped in one {@code xsl:if} whose test is true exactly when one of the paths finds a node, written as a tree
 * that walks each shared step once: when nothing is there, which is the usual case, none of them can fail.</li>
 * </ul>
 * A file that does not have the expected shape is left as it is, part by part.
 */
final class RuleOptimizer {

    static final String XSL = "http://www.w3.org/1999/XSL/Transform";
    static final String SVRL = "http://purl.oclc.org/dsdl/svrl";

    /** The fewest consecutive {@code not(path)} asserts worth a guard. */
    private static final int MIN_RUN = 2;

    private static final String NAME = "[A-Za-z_][A-Za-z0-9_.\\-]*(?::[A-Za-z_][A-Za-z0-9_.\\-]*)?";
    /** One step: a name, an attribute name, or a parenthesised union of names. */
    private static final String STEP = "(?:@?" + NAME + "|\\(\\s*" + NAME + "(?:\\s*\\|\\s*" + NAME + ")*\\s*\\))";
    private static final Pattern NOT_PATH =
            Pattern.compile("^\\s*not\\(\\s*(" + STEP + "(?:\\s*/\\s*" + STEP + ")*)\\s*\\)\\s*$");

    /** What was changed, for the log and the tests. */
    record Outcome(Document stylesheet, int activePatternsDropped, int firedRulesDropped, int assertsGuarded,
            int guards, int patternsMerged, int unionsSplit) {

        /** Whether the findings come out grouped by document node and need {@link #PATTERN} to be put in order. */
        boolean merged() {
            return patternsMerged > 0;
        }
    }

    /** The attribute that the merged walk adds to each finding: the position of its pattern (0, 1, ...). */
    static final String PATTERN = "opengateway-pattern";
    static final String WALK_MODE = "opengateway-walk";

    private RuleOptimizer() {
    }

    static Outcome optimize(byte[] xslt) {
        Document document = parse(xslt);
        Element stylesheet = document.getDocumentElement();
        if (!XSL.equals(stylesheet.getNamespaceURI())
                || !("stylesheet".equals(stylesheet.getLocalName()) || "transform".equals(stylesheet.getLocalName()))) {
            return new Outcome(document, 0, 0, 0, 0, 0, 0);
        }
        int activePatterns = dropSilentRootOutput(stylesheet);
        int firedRules = dropFiredRules(stylesheet);
        int[] guarded = guardNotPathRuns(stylesheet);
        int split = splitUnions(stylesheet, patternModes(stylesheet));
        int merged = activePatterns > 0 ? mergeWalks(stylesheet) : 0;
        return new Outcome(document, activePatterns, firedRules, guarded[0], guarded[1], merged, split);
    }

    // ------------------------------------------------------------------------------------------ the root template

    /**
     * Drops what the root template writes around the pattern calls, when the default mode can write nothing: its only
     * templates are the root one and one that matches text and is empty.
     */
    private static int dropSilentRootOutput(Element stylesheet) {
        Element root = null;
        for (Element template : children(stylesheet, XSL, "template")) {
            if (template.hasAttribute("mode")) {
                continue;
            }
            String match = template.getAttribute("match").trim();
            if ("/".equals(match) && root == null && !template.hasAttribute("name")) {
                root = template;
            } else if (!("text()".equals(match) && isEmpty(template) && !template.hasAttribute("name"))) {
                return 0; // the default mode does something else: leave the root template as it is
            }
        }
        if (root == null) {
            return 0;
        }
        int dropped = 0;
        for (Element output : elements(root)) {
            if (SVRL.equals(output.getNamespaceURI()) && "active-pattern".equals(output.getLocalName())
                    && onlyAttributesAndDefaultWalk(output)) {
                output.getParentNode().removeChild(output);
                dropped++;
            } else if (SVRL.equals(output.getNamespaceURI())
                    && "ns-prefix-in-attribute-values".equals(output.getLocalName()) && isEmpty(output)) {
                output.getParentNode().removeChild(output);
            } else if (XSL.equals(output.getNamespaceURI()) && "comment".equals(output.getLocalName())
                    && onlyValueOfParameters(output)) {
                output.getParentNode().removeChild(output);
            }
        }
        return dropped;
    }

    /** Only {@code xsl:attribute} children with text or value-of, and {@code <xsl:apply-templates/>} (default mode). */
    private static boolean onlyAttributesAndDefaultWalk(Element activePattern) {
        for (Node n = activePattern.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.TEXT_NODE && n.getNodeValue().isBlank() || n.getNodeType() == Node.COMMENT_NODE) {
                continue;
            }
            if (!(n instanceof Element e) || !XSL.equals(e.getNamespaceURI())) {
                return false;
            }
            if ("apply-templates".equals(e.getLocalName())) {
                if (e.getAttributes().getLength() != 0 || !isEmpty(e)) {
                    return false;
                }
            } else if (!"attribute".equals(e.getLocalName()) || !onlyTextOrValueOf(e)) {
                return false;
            }
        }
        return true;
    }

    private static boolean onlyTextOrValueOf(Element instruction) {
        for (Element e : elements(instruction)) {
            if (e != instruction && !(XSL.equals(e.getNamespaceURI()) && "value-of".equals(e.getLocalName())
                    && isEmpty(e))) {
                return false;
            }
        }
        return true;
    }

    private static boolean onlyValueOfParameters(Element comment) {
        for (Element e : elements(comment)) {
            if (e != comment && !(XSL.equals(e.getNamespaceURI()) && "value-of".equals(e.getLocalName())
                    && e.getAttribute("select").trim().matches("\\$[A-Za-z]+Parameter") && isEmpty(e))) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------ fired rules

    private static int dropFiredRules(Element stylesheet) {
        int dropped = 0;
        for (Element template : children(stylesheet, XSL, "template")) {
            for (Element e : elements(template)) {
                if (SVRL.equals(e.getNamespaceURI()) && "fired-rule".equals(e.getLocalName())
                        && onlyAttributeInstructions(e)) {
                    e.getParentNode().removeChild(e);
                    dropped++;
                }
            }
        }
        return dropped;
    }

    private static boolean onlyAttributeInstructions(Element firedRule) {
        for (Element e : elements(firedRule)) {
            if (e != firedRule && !(XSL.equals(e.getNamespaceURI())
                    && ("attribute".equals(e.getLocalName()) || "value-of".equals(e.getLocalName())))) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------ not(path) guards

    /** Returns {asserts guarded, guards written}. */
    private static int[] guardNotPathRuns(Element stylesheet) {
        int guardedAsserts = 0;
        int guards = 0;
        for (Element template : children(stylesheet, XSL, "template")) {
            if (!template.hasAttribute("mode") || !template.hasAttribute("match")) {
                continue;
            }
            List<Element> run = new ArrayList<>();
            List<String> paths = new ArrayList<>();
            for (Node n = template.getFirstChild(); ; n = n.getNextSibling()) {
                if (n != null && (n.getNodeType() == Node.COMMENT_NODE
                        || n.getNodeType() == Node.TEXT_NODE && n.getNodeValue().isBlank())) {
                    continue;
                }
                List<String> notPaths = n instanceof Element e ? notPathAssert(e) : null;
                if (notPaths != null) {
                    run.add((Element) n);
                    paths.addAll(notPaths);
                    continue;
                }
                if (run.size() >= MIN_RUN) {
                    guard(run, paths);
                    guardedAsserts += run.size();
                    guards++;
                }
                run.clear();
                paths.clear();
                if (n == null) {
                    break;
                }
            }
        }
        return new int[] {guardedAsserts, guards};
    }

    /**
     * The paths of an assert {@code <xsl:choose><xsl:when test="not(PATH)"/><xsl:otherwise>...}, a union step
     * spread out ({@code (a|b)/c} is {@code a/c} and {@code b/c}); null for anything else.
     */
    static List<String> notPathAssert(Element choose) {
        if (!XSL.equals(choose.getNamespaceURI()) || !"choose".equals(choose.getLocalName())
                || choose.getAttributes().getLength() != 0) {
            return null;
        }
        List<Element> branches = new ArrayList<>();
        for (Node n = choose.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                branches.add(e);
            } else if (!(n.getNodeType() == Node.COMMENT_NODE
                    || n.getNodeType() == Node.TEXT_NODE && n.getNodeValue().isBlank())) {
                return null;
            }
        }
        if (branches.size() != 2 || !isXsl(branches.get(0), "when") || !isXsl(branches.get(1), "otherwise")
                || !isEmpty(branches.get(0)) || branches.get(0).getAttributes().getLength() != 1) {
            return null;
        }
        Matcher m = NOT_PATH.matcher(branches.get(0).getAttribute("test"));
        return m.matches() ? expand(m.group(1)) : null;
    }

    /** "(a|b)/c/@d" as ["a/c/@d", "b/c/@d"]. */
    static List<String> expand(String path) {
        List<List<String>> steps = new ArrayList<>();
        for (String step : path.split("/")) {
            String s = step.trim();
            List<String> alternatives = new ArrayList<>();
            if (s.startsWith("(")) {
                for (String name : s.substring(1, s.length() - 1).split("\\|")) {
                    alternatives.add(name.trim());
                }
            } else {
                alternatives.add(s);
            }
            steps.add(alternatives);
        }
        List<String> paths = new ArrayList<>(List.of(""));
        for (List<String> alternatives : steps) {
            List<String> longer = new ArrayList<>();
            for (String prefix : paths) {
                for (String name : alternatives) {
                    longer.add(prefix.isEmpty() ? name : prefix + "/" + name);
                }
            }
            paths = longer;
        }
        return paths;
    }

    /** Wraps the asserts, and what lies between them, in an {@code xsl:if} true when one of their paths finds a node. */
    private static void guard(List<Element> run, List<String> paths) {
        Element first = run.get(0);
        Node parent = first.getParentNode();
        String prefix = parent.getPrefix();
        Element test = first.getOwnerDocument().createElementNS(XSL, prefix == null ? "if" : prefix + ":if");
        test.setAttribute("test", anyOf(paths));
        parent.insertBefore(test, first);
        Node end = run.get(run.size() - 1).getNextSibling();
        for (Node n = first; n != end; ) {
            Node next = n.getNextSibling();
            test.appendChild(n);
            n = next;
        }
    }

    /**
     * An expression true exactly when one of the relative paths finds a node: the paths as a tree, each shared step
     * written once: ["a/b", "a/c/d", "e"] gives "a[b or c[d]] or e".
     */
    static String anyOf(List<String> paths) {
        Step tree = new Step();
        for (String path : paths) {
            Step at = tree;
            for (String name : path.split("/")) {
                at = at.next.computeIfAbsent(name.trim(), k -> new Step());
            }
            at.last = true;
        }
        return tree.expression();
    }

    private static final class Step {
        final Map<String, Step> next = new LinkedHashMap<>();
        boolean last;

        String expression() {
            List<String> alternatives = new ArrayList<>();
            for (Map.Entry<String, Step> e : next.entrySet()) {
                Step step = e.getValue();
                alternatives.add(step.last || step.next.isEmpty() ? e.getKey()
                        : e.getKey() + "[" + step.expression() + "]");
            }
            return String.join(" or ", alternatives);
        }
    }

    // ------------------------------------------------------------------------------------------ union patterns

    /** The modes the root template applies to the document: one per pattern. */
    private static List<String> patternModes(Element stylesheet) {
        List<String> modes = new ArrayList<>();
        for (Element template : children(stylesheet, XSL, "template")) {
            if (!template.hasAttribute("mode") && "/".equals(template.getAttribute("match").trim())) {
                for (Element e : elements(template)) {
                    if (isXsl(e, "apply-templates") && e.hasAttribute("mode")
                            && "/".equals(e.getAttribute("select").trim())) {
                        modes.add(e.getAttribute("mode").trim());
                    }
                }
            }
        }
        return modes;
    }

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,9}");

    /**
     * A rule whose context is a union ({@code cbc:Amount | cbc:BaseAmount | ...}) has one pattern that the engine
     * tries on every element of the document, as it cannot file it under one element name. Written as one template per
     * branch, each is filed under its element name. The copies have the same body and priorities between the rule's
     * and the next one's, in the same order: the one rule of the pattern still fires once for a node that matches, and
     * no other rule's precedence changes. Done in a mode only when its rules have distinct whole-number priorities.
     */
    private static int splitUnions(Element stylesheet, List<String> modes) {
        int split = 0;
        for (String mode : modes) {
            List<Element> rules = new ArrayList<>();
            Set<Integer> priorities = new java.util.HashSet<>();
            boolean plain = true;
            for (Element template : children(stylesheet, XSL, "template")) {
                if (!mode.equals(template.getAttribute("mode").trim())) {
                    continue;
                }
                String priority = template.getAttribute("priority").trim();
                if (!WHOLE_NUMBER.matcher(priority).matches() || !priorities.add(Integer.parseInt(priority))
                        || template.hasAttribute("name")) {
                    plain = false;
                    break;
                }
                rules.add(template);
            }
            if (!plain) {
                continue;
            }
            for (Element rule : rules) {
                if (NOT_AN_ELEMENT_OR_ATTRIBUTE.matcher(rule.getAttribute("match")).find()) {
                    continue; // the defaults of the mode, kept as they are
                }
                List<String> branches = topLevelBranches(rule.getAttribute("match"));
                if (branches.size() < 2 || branches.size() > 999) {
                    continue;
                }
                int priority = Integer.parseInt(rule.getAttribute("priority").trim());
                for (int k = 0; k < branches.size(); k++) {
                    Element copy = (Element) rule.cloneNode(true);
                    copy.setAttribute("match", branches.get(k).trim());
                    // between this rule's priority and the next whole number, the first branch highest
                    copy.setAttribute("priority", priority + "." + String.format(java.util.Locale.ROOT, "%03d",
                            branches.size() - k));
                    rule.getParentNode().insertBefore(copy, rule);
                }
                rule.getParentNode().removeChild(rule);
                split++;
            }
        }
        return split;
    }

    /** The branches of a pattern's top-level union, or the pattern alone. */
    static List<String> topLevelBranches(String pattern) {
        List<String> branches = new ArrayList<>();
        int depth = 0;
        int start = 0;
        char quote = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == '|' && depth == 0) {
                branches.add(pattern.substring(start, i));
                start = i + 1;
            }
        }
        if (quote != 0 || depth != 0) {
            return List.of(pattern);
        }
        branches.add(pattern.substring(start));
        if (branches.stream().anyMatch(String::isBlank)) {
            return List.of(pattern);
        }
        return branches;
    }

    // ------------------------------------------------------------------------------------------ one walk

    private static final Pattern FOCUS_FREE = Pattern.compile("(?<!\\[)\\s*\\b(position|last)\\s*\\(\\s*\\)");
    private static final Pattern NOT_AN_ELEMENT_OR_ATTRIBUTE =
            Pattern.compile("node\\s*\\(|text\\s*\\(|comment\\s*\\(|processing-instruction|document-node|(^|[|(])\\s*/\\s*($|[|)\\[])");

    /**
     * Each pattern is a mode that walks the whole document ({@code apply-templates select="@*|*"} at the end of each
     * rule, and a template of lowest priority for the nodes no rule matches), one after the other. They become one
     * walk that, at each element and attribute, applies each pattern's templates to the node alone, then goes on to
     * its attributes and children: each pattern still picks its one rule per node, by the same priorities, and visits
     * the same nodes in the same order. The findings then come out node by node instead of pattern by pattern: each
     * is marked with its pattern's position ({@link #PATTERN}) for the reader to put them back in the pattern order, a
     * stable sort that gives exactly the original order. Done only when each pattern mode has exactly that shape.
     * Returns the number of patterns merged.
     */
    private static int mergeWalks(Element stylesheet) {
        Element root = null;
        for (Element template : children(stylesheet, XSL, "template")) {
            if (!template.hasAttribute("mode") && "/".equals(template.getAttribute("match").trim())) {
                root = template;
            }
        }
        if (root == null) {
            return 0;
        }
        // the pattern calls: the only instructions left in the root template's output element
        List<Element> calls = new ArrayList<>();
        Element output = null;
        for (Element e : elements(root)) {
            if (isXsl(e, "apply-templates")) {
                if (!"/".equals(e.getAttribute("select").trim()) || !e.hasAttribute("mode") || !isEmpty(e)
                        || e.getAttributes().getLength() != 2) {
                    return 0;
                }
                calls.add(e);
            } else if (e != root && XSL.equals(e.getNamespaceURI())) {
                return 0;
            } else if (e != root) {
                if (output != null || e.getParentNode() != root) {
                    return 0;
                }
                output = e;
            }
        }
        if (calls.size() < 2) {
            return 0;
        }
        List<String> modes = new ArrayList<>();
        for (Element call : calls) {
            if (call.getParentNode() != output || modes.contains(call.getAttribute("mode").trim())) {
                return 0;
            }
            modes.add(call.getAttribute("mode").trim());
        }
        // every template of each mode must be a rule that ends with the walk on, or one of the two defaults
        Map<String, List<Element>> rules = new LinkedHashMap<>();
        Map<String, List<Element>> recursions = new LinkedHashMap<>();
        Map<String, Element> defaults = new LinkedHashMap<>();
        for (Element template : children(stylesheet, XSL, "template")) {
            String mode = template.getAttribute("mode").trim();
            if (WALK_MODE.equals(mode)) {
                return 0;
            }
            if (!modes.contains(mode)) {
                if (mode.contains("#all") || List.of(mode.split("\\s+")).stream().anyMatch(modes::contains)) {
                    return 0;
                }
                continue;
            }
            String match = template.getAttribute("match").trim();
            String priority = template.getAttribute("priority").trim();
            if (template.hasAttribute("name") || template.hasAttribute("as")) {
                return 0;
            }
            if ("text()".equals(match) && "-1".equals(priority) && isEmpty(template)) {
                continue;
            }
            Element walkOn = lastChildElement(template);
            boolean recursion = walkOn != null && isXsl(walkOn, "apply-templates")
                    && mode.equals(walkOn.getAttribute("mode").trim())
                    && "@*|*".equals(walkOn.getAttribute("select").replaceAll("\\s", ""))
                    && walkOn.getAttributes().getLength() == 2 && isEmpty(walkOn);
            if (!recursion) {
                return 0;
            }
            if ("@*|node()".equals(match.replaceAll("\\s", "")) && "-2".equals(priority)
                    && lastChildElement(template) == firstChildElement(template)) {
                if (defaults.put(mode, template) != null) {
                    return 0;
                }
                continue;
            }
            if (NOT_AN_ELEMENT_OR_ATTRIBUTE.matcher(match).find()) {
                return 0;
            }
            for (Element e : elements(template)) {
                if (e != walkOn && XSL.equals(e.getNamespaceURI()) && ("apply-templates".equals(e.getLocalName())
                        && !"schematron-select-full-path".equals(e.getAttribute("mode").trim())
                        || "next-match".equals(e.getLocalName()) || "apply-imports".equals(e.getLocalName())
                        || "call-template".equals(e.getLocalName()))) {
                    return 0;
                }
                if (e.getParentNode() == template && isXsl(e, "param")) {
                    return 0;
                }
                for (int i = 0; i < e.getAttributes().getLength(); i++) {
                    if (FOCUS_FREE.matcher(e.getAttributes().item(i).getNodeValue()).find()) {
                        return 0; // position() or last() of the walk itself: it would change
                    }
                }
            }
            rules.computeIfAbsent(mode, k -> new ArrayList<>()).add(template);
            recursions.computeIfAbsent(mode, k -> new ArrayList<>()).add(walkOn);
        }
        if (defaults.size() != modes.size()) {
            return 0;
        }
        // no other walk in these modes anywhere
        for (Element e : elements(stylesheet)) {
            if (isXsl(e, "apply-templates") && modes.contains(e.getAttribute("mode").trim()) && !calls.contains(e)
                    && !recursions.getOrDefault(e.getAttribute("mode").trim(), List.of()).contains(e)
                    && firstChildElement(defaults.get(e.getAttribute("mode").trim())) != e) {
                return 0;
            }
        }
        // rewrite
        Document document = stylesheet.getOwnerDocument();
        String xsl = stylesheet.getPrefix() == null ? "" : stylesheet.getPrefix() + ":";
        for (int i = 0; i < modes.size(); i++) {
            String mode = modes.get(i);
            for (Element walkOn : recursions.getOrDefault(mode, List.of())) {
                walkOn.getParentNode().removeChild(walkOn);
            }
            Element fallback = defaults.get(mode);
            while (fallback.getFirstChild() != null) {
                fallback.removeChild(fallback.getFirstChild());
            }
            for (Element rule : rules.getOrDefault(mode, List.of())) {
                for (Element e : elements(rule)) {
                    if (SVRL.equals(e.getNamespaceURI()) && ("failed-assert".equals(e.getLocalName())
                            || "successful-report".equals(e.getLocalName()))) {
                        e.setAttribute(PATTERN, String.valueOf(i));
                    }
                }
            }
        }
        Element start = document.createElementNS(XSL, xsl + "apply-templates");
        start.setAttribute("select", "*");
        start.setAttribute("mode", WALK_MODE);
        output.insertBefore(start, calls.get(0));
        for (Element call : calls) {
            call.getParentNode().removeChild(call);
        }
        // the walk: at each node, only the patterns that have a rule for a node of its name, or for any node
        Set<String> anyElement = new java.util.HashSet<>();
        Set<String> attributes = new java.util.HashSet<>();
        Map<String, Set<String>> modesByName = new LinkedHashMap<>();
        Map<String, String> lexicalName = new LinkedHashMap<>();
        boolean defaultNamespace = !elements(stylesheet).stream().allMatch(e ->
                !e.hasAttribute("xpath-default-namespace") && !e.hasAttributeNS(XSL, "xpath-default-namespace"));
        for (String mode : modes) {
            for (Element rule : rules.getOrDefault(mode, List.of())) {
                List<String> names = lastSteps(rule.getAttribute("match"));
                if (names == null) {
                    anyElement.add(mode);
                    attributes.add(mode);
                    continue;
                }
                for (String name : names) {
                    if ("*".equals(name)) {
                        anyElement.add(mode);
                        continue;
                    }
                    if (name.startsWith("@")) {
                        attributes.add(mode);
                        continue;
                    }
                    int colon = name.indexOf(':');
                    String prefix = colon < 0 ? null : name.substring(0, colon);
                    String uri = prefix == null ? (defaultNamespace ? null : "") : rule.lookupNamespaceURI(prefix);
                    String atTop = prefix == null ? "" : stylesheet.lookupNamespaceURI(prefix);
                    if (uri == null || !uri.equals(atTop == null ? "" : atTop)) {
                        anyElement.add(mode); // a name the walk could not write the same way: this pattern sees all
                        continue;
                    }
                    String expanded = "{" + uri + "}" + name.substring(colon + 1);
                    lexicalName.putIfAbsent(expanded, name);
                    modesByName.computeIfAbsent(expanded, k -> new LinkedHashSet<>()).add(mode);
                }
            }
        }
        // when no rule can match an attribute, the walk does not visit them
        String walkOn = attributes.isEmpty() ? "*" : "@*|*";
        for (Map.Entry<String, String> name : lexicalName.entrySet()) {
            Set<String> named = modesByName.get(name.getKey());
            stylesheet.appendChild(walkTemplate(document, xsl, name.getValue(), "1",
                    modes.stream().filter(m -> named.contains(m) || anyElement.contains(m)).toList(), walkOn));
        }
        stylesheet.appendChild(walkTemplate(document, xsl, "*", "0",
                modes.stream().filter(anyElement::contains).toList(), walkOn));
        if (!attributes.isEmpty()) {
            stylesheet.appendChild(walkTemplate(document, xsl, "@*", "0",
                    modes.stream().filter(attributes::contains).toList(), null));
        }
        return modes.size();
    }

    private static Element walkTemplate(Document document, String xsl, String match, String priority,
            List<String> modes, String walkOn) {
        Element walk = document.createElementNS(XSL, xsl + "template");
        walk.setAttribute("match", match);
        walk.setAttribute("mode", WALK_MODE);
        walk.setAttribute("priority", priority);
        for (String mode : modes) {
            Element apply = document.createElementNS(XSL, xsl + "apply-templates");
            apply.setAttribute("select", ".");
            apply.setAttribute("mode", mode);
            walk.appendChild(apply);
        }
        if (walkOn != null) {
            Element on = document.createElementNS(XSL, xsl + "apply-templates");
            on.setAttribute("select", walkOn);
            on.setAttribute("mode", WALK_MODE);
            walk.appendChild(on);
        }
        return walk;
    }

    private static final Pattern STEP_NAME = Pattern.compile("@?" + NAME);
    private static final String NAME_START = "[A-Za-z_][A-Za-z0-9_.\\-]*";

    /**
     * The names that the last step of each branch of a pattern tests ("cbc:ID", "@schemeID"): a node that a pattern
     * matches has one of these names; "*" for an element of any name. Null when a branch ends with anything else (an
     * attribute wildcard, a kind test...).
     */
    static List<String> lastSteps(String pattern) {
        List<String> names = new ArrayList<>();
        for (String branch : topLevelBranches(pattern)) {
            String b = withoutTrailingPredicates(branch.trim());
            if (b == null || b.isEmpty()) {
                return null;
            }
            if (b.charAt(0) == '(' && closing(b, 0) == b.length() - 1) {
                List<String> inner = lastSteps(b.substring(1, b.length() - 1));
                if (inner == null) {
                    return null;
                }
                names.addAll(inner);
                continue;
            }
            int slash = -1;
            int depth = 0;
            char quote = 0;
            for (int i = 0; i < b.length(); i++) {
                char c = b.charAt(i);
                if (quote != 0) {
                    quote = c == quote ? 0 : quote;
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '(' || c == '[') {
                    depth++;
                } else if (c == ')' || c == ']') {
                    depth--;
                } else if (c == '/' && depth == 0) {
                    slash = i;
                }
            }
            String step = b.substring(slash + 1).trim();
            if ("*".equals(step) || step.matches(NAME_START + ":\\*")) {
                names.add("*"); // any element
                continue;
            }
            if (!STEP_NAME.matcher(step).matches()) {
                return null;
            }
            names.add(step);
        }
        return names;
    }

    /** The pattern without the predicates at its end, or null when its brackets do not balance. */
    private static String withoutTrailingPredicates(String pattern) {
        String b = pattern;
        while (b.endsWith("]")) {
            int open = -1;
            java.util.ArrayDeque<Integer> stack = new java.util.ArrayDeque<>();
            char quote = 0;
            for (int i = 0; i < b.length(); i++) {
                char c = b.charAt(i);
                if (quote != 0) {
                    quote = c == quote ? 0 : quote;
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '[' || c == '(') {
                    stack.push(i);
                } else if (c == ']' || c == ')') {
                    if (stack.isEmpty()) {
                        return null;
                    }
                    int at = stack.pop();
                    if (i == b.length() - 1) {
                        open = b.charAt(at) == '[' ? at : -1;
                    }
                }
            }
            if (open < 0 || !stack.isEmpty() || quote != 0) {
                return null;
            }
            b = b.substring(0, open).trim();
        }
        return b;
    }

    /** The position of the bracket that closes the one at {@code open}, or -1. */
    private static int closing(String text, int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static Element firstChildElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    private static Element lastChildElement(Element parent) {
        for (Node n = parent.getLastChild(); n != null; n = n.getPreviousSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------ DOM helpers

    private static Document parse(byte[] xslt) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xslt));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("The rule file cannot be read as XML: " + e.getMessage(), e);
        }
    }

    private static boolean isXsl(Element e, String localName) {
        return XSL.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName());
    }

    /** No child but whitespace and comments. */
    private static boolean isEmpty(Element e) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n.getNodeType() == Node.COMMENT_NODE
                    || n.getNodeType() == Node.TEXT_NODE && n.getNodeValue().isBlank())) {
                return false;
            }
        }
        return true;
    }

    private static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && namespace.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    /** The element and all its descendant elements, in document order (a copy: safe to remove from). */
    private static List<Element> elements(Element top) {
        List<Element> all = new ArrayList<>();
        collect(top, all);
        return all;
    }

    private static void collect(Element e, List<Element> all) {
        all.add(e);
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                collect(child, all);
            }
        }
    }
}
