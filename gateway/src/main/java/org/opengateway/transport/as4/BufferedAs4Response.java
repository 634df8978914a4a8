package org.opengateway.transport.as4;

import com.helger.base.io.iface.IHasInputStream;
import com.helger.http.header.HttpHeaderMap;
import com.helger.mime.IMimeType;
import com.helger.phase4.incoming.IAS4ResponseAbstraction;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;

/**
 * Collects what phase4 answers (a signed receipt, or an ebMS error) and writes it to the servlet response once
 * phase4 is done, while the handler's temporary resources still exist.
 */
final class BufferedAs4Response implements IAS4ResponseAbstraction {

    private int status = HttpServletResponse.SC_OK;
    private String contentType;
    private Charset charset;
    private byte[] bytes;
    private IHasInputStream stream;
    private HttpHeaderMap headers;

    @Override
    public void setContent(byte[] bytes, Charset charset) {
        this.bytes = bytes;
        this.charset = charset;
    }

    @Override
    public void setContent(HttpHeaderMap headers, IHasInputStream stream) {
        this.headers = headers;
        this.stream = stream;
    }

    @Override
    public void setMimeType(IMimeType mimeType) {
        this.contentType = mimeType.getAsString();
    }

    @Override
    public void setStatus(int status) {
        this.status = status;
    }

    void writeTo(HttpServletResponse response) throws IOException {
        response.setStatus(status);
        if (headers != null) {
            headers.forEachSingleHeader((name, value) -> {
                if (!name.equalsIgnoreCase("Content-Type")) {
                    response.addHeader(name, value);
                }
            }, false);
        }
        if (contentType != null) {
            response.setContentType(charset == null ? contentType : contentType + "; charset=" + charset.name());
        }
        if (bytes != null) {
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        } else if (stream != null) {
            try (InputStream in = stream.getInputStream(); OutputStream out = response.getOutputStream()) {
                in.transferTo(out);
            }
        }
    }
}
