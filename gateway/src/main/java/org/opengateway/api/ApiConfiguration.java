package org.opengateway.api;

import org.opengateway.company.CompanyDirectory;
import org.opengateway.config.GatewayProperties;
import org.opengateway.intake.RefusedSubmissions;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration
public class ApiConfiguration {

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(CompanyDirectory companies, RefusedSubmissions refused,
            JsonMapper json, GatewayProperties properties) {
        FilterRegistrationBean<ApiKeyFilter> registration =
                new FilterRegistrationBean<>(new ApiKeyFilter(companies, refused, json, properties));
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
