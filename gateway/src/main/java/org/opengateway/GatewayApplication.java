package org.opengateway;

import java.nio.file.Path;
import java.util.Arrays;
import org.opengateway.cli.ValidateCommand;
import org.opengateway.transport.pki.TestPki;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        preferBuiltInFactories();
        if (args.length > 0 && args[0].equals("validate")) {
            System.setProperty("logback.configurationFile", "logback-cli.xml");
            System.exit(ValidateCommand.main(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("make-test-pki")) {
            System.setProperty("logback.configurationFile", "logback-cli.xml");
            if (args.length != 2) {
                System.err.println("Usage: java -jar gateway.jar make-test-pki FOLDER   (test keys only, never for Peppol)");
                System.exit(2);
            }
            new TestPki().write(Path.of(args[1]));
            System.out.println("Wrote a new test PKI into " + Path.of(args[1]).toAbsolutePath()
                    + " (key store password: " + TestPki.PASSWORD + ")");
            System.exit(0);
        }
        nameMailStreamProvider();
        SpringApplication.run(GatewayApplication.class, args);
    }

    /**
     * phase4 makes a new TransformerFactory for every AS4 message it writes (the outgoing message, the receipt).
     * Without this property each one is looked up on the classpath, which scans every jar, and finds Saxon's (there
     * for validation), which is costly to create. Measured with {@code ExchangeBenchmark}: 40% of the CPU of a bare
     * phase4 round trip (135 ms per invoice, 78 ms with the property) and 10-12% of each gateway's CPU samples.
     * Serialising needs no XSLT 2 or 3, so the JDK's own factory will do, and it is found from any class loader;
     * validation is not affected, it calls Saxon through s9api. An operator's own {@code -D} setting is kept.
     *
     * <p>Jakarta Mail's StreamProvider, see {@link #nameMailStreamProvider()}, is not named here, since a host such as
     * the benchmark's embedded Tomcat may run phase4 on threads that cannot see it.
     */
    public static void preferBuiltInFactories() {
        setUnlessGiven("javax.xml.transform.TransformerFactory",
                "com.sun.org.apache.xalan.internal.xsltc.trax.TransformerFactoryImpl");
    }

    /**
     * phase4 builds every AS4 message as MIME, and Jakarta Mail looks its StreamProvider up with a ServiceLoader for
     * every MIME part, which scans the jars of the packed application each time: 17% of the sending gateway's CPU and
     * 6% of the receiving one's (JFR, {@code ExchangeBenchmark}). Named, it is loaded once. Set only when the gateway
     * runs as its own application, where every thread's class loader is the application's and can see it; with the
     * property set, a thread that cannot see the class fails every MIME message instead of falling back.
     */
    static void nameMailStreamProvider() {
        String provider = "org.eclipse.angus.mail.util.MailStreamProvider";
        try {
            Class.forName(provider, false, Thread.currentThread().getContextClassLoader());
            setUnlessGiven("jakarta.mail.util.StreamProvider", provider);
        } catch (ClassNotFoundException e) {
            // another Jakarta Mail implementation: leave it to the lookup
        }
    }

    private static void setUnlessGiven(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
