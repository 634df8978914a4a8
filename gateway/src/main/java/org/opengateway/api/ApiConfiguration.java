package org.opengateway.api;

import org.opengateway.account.AuditLog;
import org.opengateway.account.Sessions;
import org.opengateway.account.Users;
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
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(CompanyDirectory companies, Sessions sessions, Users users,
            AuditLog audit, RefusedSubmissions refused, JsonMapper json, GatewayProperties properties) {
        FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(new ApiKeyFilter(
                new ApiKeyFilter.Callers(companies, sessions, users, audit), refused, json, properties));
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
