package org.opengateway.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The support console: static pages and plain JavaScript modules in the jar ({@code static/console/}), which talk to
 * the JSON API with the session cookie. Nothing to build on the user's side; it opens at {@code /console/}.
 */
@Configuration
public class ConsolePages implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/console", "/console/");
        registry.addViewController("/console/").setViewName("forward:/console/index.html");
    }
}
