package org.opengateway.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body read up to a limit. When {@code oversized}, the sender had more than the limit allows and
 * {@code bytesOrPrefix} holds what was read so far (the rest is still in the stream).
 */
record BoundedBody(byte[] bytesOrPrefix, boolean oversized) {

    /** Most invoices are a few kilobytes: a larger buffer per request would only feed the garbage collector. */
    private static final int BUFFER = 8 * 1024;

    static BoundedBody read(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(BUFFER);
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (total + n > limit) {
                out.write(buffer, 0, n);
                return new BoundedBody(out.toByteArray(), true);
            }
            out.write(buffer, 0, n);
            total += n;
        }
        return new BoundedBody(out.toByteArray(), false);
    }
}
