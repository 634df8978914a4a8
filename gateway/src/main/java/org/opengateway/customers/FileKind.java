package org.opengateway.customers;

import java.util.Locale;
import java.util.Optional;

/** The file types a customer register may come in. */
public enum FileKind {
    CSV, XLSX;

    private static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /**
     * The kind of an upload, from its content (an xlsx file is a zip archive), its content type and its name; empty
     * for anything else (a PDF, an old .xls, a picture...).
     */
    public static Optional<FileKind> of(byte[] content, String contentType, String fileName) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        boolean zip = content.length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
        if (zip) {
            return type.startsWith(XLSX_TYPE) || name.endsWith(".xlsx") || type.isEmpty()
                    || type.startsWith("application/octet-stream") ? Optional.of(XLSX) : Optional.empty();
        }
        boolean text = type.startsWith("text/csv") || type.startsWith("text/plain")
                || type.startsWith("application/csv") || type.startsWith("text/comma-separated-values")
                || name.endsWith(".csv") || name.endsWith(".txt");
        if (text || type.isEmpty() || type.startsWith("application/octet-stream")) {
            return looksLikeText(content) ? Optional.of(CSV) : Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean looksLikeText(byte[] content) {
        int look = Math.min(content.length, 4096);
        for (int i = 0; i < look; i++) {
            if (content[i] == 0) {
                return false;
            }
        }
        return content.length > 0;
    }
}
