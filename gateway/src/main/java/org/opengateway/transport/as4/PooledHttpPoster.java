package org.opengateway.transport.as4;

import com.helger.http.header.HttpHeaderMap;
import com.helger.httpclient.HttpClientFactory;
import com.helger.httpclient.HttpClientManager;
import com.helger.httpclient.HttpClientSettings;
import com.helger.phase4.messaging.http.BasicHttpPoster;
import java.io.IOException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.HttpClientResponseHandler;
import org.apache.hc.core5.util.TimeValue;

/**
 * phase4's HTTP poster with one HTTP client for all sends, so that connections to a receiving access point are kept
 * open and used again. phase4's own poster builds a new client (and a new connection) for every message, which cost
 * the sender about a tenth of its CPU and the receiver a TCP and TLS handshake per invoice.
 *
 * <p>A connection kept open may have been closed by the other side meanwhile; such a send fails before the receiver
 * read anything ({@link NoHttpResponseException}) and is made once more on a fresh connection. Even if the first one
 * did arrive, the repeat carries the same AS4 message ID, which the receiver takes as a duplicate.
 */
public class PooledHttpPoster extends BasicHttpPoster implements AutoCloseable {

    /** A connection idle longer than this is checked before it is used again. */
    private static final TimeValue CHECK_AFTER_IDLE = TimeValue.ofSeconds(1);

    private final HttpClientManager client;

    public PooledHttpPoster(HttpClientSettings settings) {
        HttpClientFactory factory = new HttpClientFactory(settings) {
            @Override
            public ConnectionConfig.Builder createConnectionConfigBuilder() {
                return super.createConnectionConfigBuilder().setValidateAfterInactivity(CHECK_AFTER_IDLE);
            }
        };
        setHttpClientFactory(factory);
        this.client = new HttpClientManager(factory);
    }

    @Override
    public <T> T sendGenericMessage(String url, HttpHeaderMap headers, HttpEntity entity,
            HttpClientResponseHandler<? extends T> answer) throws IOException {
        try {
            return client.execute(post(url, headers, entity), answer);
        } catch (NoHttpResponseException closedMeanwhile) {
            if (!entity.isRepeatable()) {
                throw closedMeanwhile;
            }
            return client.execute(post(url, headers, entity), answer);
        }
    }

    private HttpPost post(String url, HttpHeaderMap headers, HttpEntity entity) {
        HttpPost post = new HttpPost(url);
        if (headers != null) {
            headers.forEachSingleHeader(post::addHeader, true, isQuoteHttpHeaders());
        }
        post.setEntity(entity);
        if (getHttpCustomizer() != null) {
            getHttpCustomizer().accept(post);
        }
        return post;
    }

    @Override
    public void close() {
        client.close();
    }
}
