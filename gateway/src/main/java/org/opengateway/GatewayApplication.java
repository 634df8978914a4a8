package org.opengateway;

import java.util.Arrays;
import org.opengateway.cli.ValidateCommand;
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
        SpringApplication.run(GatewayApplication.class, args);
    }
}
