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
