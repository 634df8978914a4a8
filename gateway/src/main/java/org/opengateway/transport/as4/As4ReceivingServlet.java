package org.opengateway.transport.as4;

import com.helger.http.header.HttpHeaderMap;
import com.helger.phase4.attachment.IAS4IncomingAttachmentFactory;
import com.helger.phase4.crypto.IAS4CryptoFactory;
import com.helger.phase4.crypto.IAS4DecryptParameterModifier;
import com.helger.phase4.incoming.AS4IncomingMessageMetadata;
import com.helger.phase4.incoming.AS4IncomingProfileSelectorConstant;
import com.helger.phase4.incoming.AS4IncomingReceiverConfiguration;
import com.helger.phase4.incoming.AS4RequestHandler;
import com.helger.phase4.incoming.crypto.AS4IncomingSecurityConfiguration;
import com.helger.phase4.incoming.spi.IAS4IncomingMessageProcessorSPI;
import com.helger.phase4.model.pmode.resolve.AS4DefaultPModeResolver;
import com.helger.phase4.profile.peppol.AS4PeppolProfileRegistarSPI;
import com.helger.phase4.util.Phase4Exception;
import com.helger.phase4.wss.AS4CertificateOnlySignatureTrustValidator;
import com.helger.collection.commons.CommonsArrayList;
import com.helger.collection.commons.ICommonsList;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.engine.WSSConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AS4 endpoint ({@code POST /as4}): hands each request to phase4's {@link AS4RequestHandler}, set up per request
 * with our key, the Peppol AS4 profile and our own message processor. phase4's own servlet classes are not used, so
 * phase4 needs no web scopes of its own; the plug-in lookups phase4 still makes per message go through a
 * {@link ServiceFileCache}.
 */
public class As4ReceivingServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(As4ReceivingServlet.class);
    private static final String PROFILE = AS4PeppolProfileRegistarSPI.AS4_PROFILE_ID;

    private final transient IAS4CryptoFactory crypto;
    private final transient ICommonsList<IAS4IncomingMessageProcessorSPI> processors;
    private final transient ServiceFileCache services = new ServiceFileCache(As4ReceivingServlet.class.getClassLoader());

    private final transient Runnable afterEachRequest;

    /**
     * @param afterEachRequest runs when a request has been answered, whatever happened to it (for what the request
     *     left to write on its own)
     */
    public As4ReceivingServlet(IAS4CryptoFactory crypto, IAS4IncomingMessageProcessorSPI processor,
            Runnable afterEachRequest) {
        this.crypto = crypto;
        this.processors = new CommonsArrayList<>(processor);
        this.afterEachRequest = afterEachRequest;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        IOException failed = services.run(() -> {
            try {
                handle(request, response);
                return null;
            } catch (IOException e) {
                return e;
            } finally {
                afterEachRequest();
            }
        });
        if (failed != null) {
            throw failed;
        }
    }

    private void afterEachRequest() {
        try {
            afterEachRequest.run();
        } catch (RuntimeException e) {
            log.warn("The AS4 request was answered, but what it left to write could not be written: {}",
                    e.getMessage());
        }
    }

    private void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AS4IncomingMessageMetadata metadata = AS4IncomingMessageMetadata.createForRequest()
                .setRemoteAddr(request.getRemoteAddr())
                .setRemoteHost(request.getRemoteHost())
                .setRemotePort(request.getRemotePort())
                .setRemoteUser(request.getRemoteUser())
                .setCookies(request.getCookies())
                .setHttpHeaders(headers(request))
                .setRemoteTlsCerts((X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate"));
        BufferedAs4Response answer = new BufferedAs4Response();
        try (AS4RequestHandler handler = new AS4RequestHandler(metadata)) {
            handler.setCryptoFactory(crypto);
            handler.setPModeResolver(new AS4DefaultPModeResolver(PROFILE));
            handler.setIncomingProfileSelector(new AS4IncomingProfileSelectorConstant(PROFILE, true));
            handler.setIncomingAttachmentFactory(IAS4IncomingAttachmentFactory.DEFAULT_INSTANCE);
            handler.setIncomingSecurityConfiguration(peppolSecurity());
            handler.setIncomingReceiverConfiguration(new AS4IncomingReceiverConfiguration());
            handler.setProcessorSupplier(() -> processors);
            handler.handleRequest(request.getInputStream(), headers(request), answer);
            answer.writeTo(response);
        } catch (Phase4Exception e) {
            log.warn("Refused an AS4 request from {}: {}", request.getRemoteAddr(), e.getMessage());
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "Not a valid AS4 message: " + e.getMessage());
        } catch (Exception e) {
            log.error("Could not handle an AS4 request from {}", request.getRemoteAddr(), e);
            response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "The AS4 message could not be handled.");
        }
    }

    /** Peppol: the signature must come with the full certificate (a BinarySecurityToken), not just a key. */
    private static AS4IncomingSecurityConfiguration peppolSecurity() {
        AS4IncomingSecurityConfiguration security = AS4IncomingSecurityConfiguration.createDefaultInstance();
        security.setDecryptParameterModifier(new IAS4DecryptParameterModifier() {
            @Override
            public void modifyWSSConfig(WSSConfig config) {
                config.setValidator(WSConstants.SIGNATURE, new AS4CertificateOnlySignatureTrustValidator());
            }
        });
        return security;
    }

    private static HttpHeaderMap headers(HttpServletRequest request) {
        HttpHeaderMap headers = new HttpHeaderMap();
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                headers.addHeader(name, value);
            }
        }
        return headers;
    }
}
