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

    private static final String TRANSFORMER_FACTORY = "javax.xml.transform.TransformerFactory";
    private static final String JDK_TRANSFORMER_FACTORY = "com.sun.org.apache.xalan.internal.xsltc.trax.TransformerFactoryImpl";

    public static void main(String[] args) {
        // phase4 makes a new TransformerFactory for every AS4 message it writes (the outgoing message, the receipt).
        // Without this property each one is looked up on the classpath, which scans every jar, and finds Saxon's
        // (there for validation), which is costly to create: that took 40% of the CPU of an AS4 round trip
        // (ExchangeBenchmark, bare phase4 part: 135 ms of CPU per invoice, 78 ms with this). Serialising needs no
        // XSLT 2 or 3, so the JDK's own factory will do. Validation is not affected: it calls Saxon through s9api.
        // An operator's own -Djavax.xml.transform.TransformerFactory=... is kept.
        if (System.getProperty(TRANSFORMER_FACTORY) == null) {
            System.setProperty(TRANSFORMER_FACTORY, JDK_TRANSFORMER_FACTORY);
        }
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
}
