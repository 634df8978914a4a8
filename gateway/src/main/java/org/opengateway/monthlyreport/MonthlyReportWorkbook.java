package org.opengateway.monthlyreport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes a company's monthly report as an Excel workbook: the sheet "Summary" with one row per count (direction,
 * counted by, value, invoices), easy to filter and to read by a program, and the sheet "Rejected" with each rejected
 * invoice and its reason.
 */
public final class MonthlyReportWorkbook {

    public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private MonthlyReportWorkbook() {
    }

    public static byte[] write(MonthFigures figures) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet summary = workbook.createSheet("Summary");
            cells(summary.createRow(0), "Company", figures.companyName());
            cells(summary.createRow(1), "Month", figures.month().toString());
            cells(summary.createRow(3), "Direction", "Counted by", "Value", "Invoices");
            int row = 4;
            row = counts(summary, row, "Sent", "total", Map.of("all", figures.sent()));
            row = counts(summary, row, "Sent", "status", figures.sentByStatus());
            row = counts(summary, row, "Sent", "channel", figures.sentByChannel());
            row = counts(summary, row, "Received", "total", Map.of("all", figures.received()));
            counts(summary, row, "Received", "status", figures.receivedByStatus());
            widths(summary, 12, 14, 28, 10);

            Sheet rejected = workbook.createSheet("Rejected");
            cells(rejected.createRow(0), "Invoice number", "Received at (UTC)", "Receiver", "Status", "Reason");
            int line = 1;
            for (MonthFigures.Rejected invoice : figures.rejected()) {
                cells(rejected.createRow(line++), invoice.invoiceNumber(), invoice.receivedAt().toString(),
                        invoice.receiver(), invoice.status(), invoice.reason());
            }
            widths(rejected, 20, 28, 24, 14, 100);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the monthly report of " + figures.companyName(), e);
        }
    }

    private static int counts(Sheet sheet, int first, String direction, String countedBy, Map<String, Long> counts) {
        int row = first;
        for (Map.Entry<String, Long> count : counts.entrySet()) {
            Row cells = sheet.createRow(row++);
            cells(cells, direction, countedBy, count.getKey());
            cells.createCell(3).setCellValue(count.getValue());
        }
        return row;
    }

    private static void cells(Row row, String... values) {
        for (int i = 0; i < values.length; i++) {
            row.createCell(i).setCellValue(values[i] == null ? "" : values[i]);
        }
    }

    /** Fixed widths in characters: sizing columns to their content costs seconds. */
    private static void widths(Sheet sheet, int... characters) {
        for (int i = 0; i < characters.length; i++) {
            sheet.setColumnWidth(i, characters[i] * 256);
        }
    }
}
