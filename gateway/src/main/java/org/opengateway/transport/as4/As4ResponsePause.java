package org.opengateway.transport.as4;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * A test hook, present only when {@code gateway.test-hooks.as4-response-pause} is set: holds back the answer to every
 * AS4 request for that long after the message was handled (and, for a user message, stored). It lets a test kill the
 * sender or the receiver at exactly the moment when the receiver has the document but the sender has no receipt.
 * Never set it in production.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("gateway.test-hooks.as4-response-pause")
public class As4ResponsePause {

    private static final Logger log = LoggerFactory.getLogger(As4ResponsePause.class);

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> as4ResponsePauseFilter(
            @org.springframework.beans.factory.annotation.Value("${gateway.test-hooks.as4-response-pause}")
            Duration pause) {
        log.warn("Test hook on: every AS4 answer is held back for {} after the message was handled", pause);
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
                chain.doFilter(request, held);
                log.info("Test hook: holding back the AS4 answer for {}", pause);
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                held.copyBodyToResponse();
            }
        });
        registration.addUrlPatterns("/as4");
        return registration;
    }
}
