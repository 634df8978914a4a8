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
        SpringApplication.run(GatewayApplication.class, args);
    }

    /**
     * phase4 asks the JAXP and Jakarta Mail factory finders for a new factory for every AS4 message it writes or
     * reads (a TransformerFactory to serialise the message and the receipt, a Jakarta Mail StreamProvider for the MIME
     * parts). Without a system property naming the implementation, each call scans the whole classpath for a service
     * file, and for the TransformerFactory finds Saxon's (there for validation), which is costly to create. Measured
     * with {@code ExchangeBenchmark}: the TransformerFactory took 40% of the CPU of a bare phase4 round trip (135 ms per
     * invoice, 78 ms with the property) and 10-12% of each gateway's CPU; the StreamProvider lookup then 8-14%.
     * Serialising needs no XSLT 2 or 3, so the JDK's own factory will do; validation is not affected, it calls Saxon
     * through s9api. An operator's own {@code -D} settings are kept.
     */
    public static void preferBuiltInFactories() {
        setUnlessGiven("javax.xml.transform.TransformerFactory",
                "com.sun.org.apache.xalan.internal.xsltc.trax.TransformerFactoryImpl");
        // Jakarta Mail falls back to the classpath lookup if this class cannot be loaded
        setUnlessGiven("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
    }

    private static void setUnlessGiven(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
