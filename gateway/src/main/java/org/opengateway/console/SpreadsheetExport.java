package org.opengateway.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * Writes rows as an Excel workbook (xlsx) of one sheet: a bold header row of labels, then one row per item with the
 * values of the named columns, in that order. Numbers stay numbers, so that the sheet can sum them.
 */
@Component
public class SpreadsheetExport {

    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** Fixed widths: measuring every cell to fit the width costs seconds on a large sheet. */
    private static final int COLUMN_WIDTH = 22 * 256;

    /** {@code labels} holds the header of each column, by the column's key; each row its values by the same keys. */
    public byte[] write(String sheetName, List<String> columns, Map<String, String> labels,
            List<Map<String, Object>> rows) {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
            Sheet sheet = workbook.createSheet(sheetName);
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            Row header = sheet.createRow(0);
            for (int c = 0; c < columns.size(); c++) {
                header.createCell(c).setCellValue(labels.getOrDefault(columns.get(c), columns.get(c)));
                header.getCell(c).setCellStyle(bold);
                sheet.setColumnWidth(c, COLUMN_WIDTH);
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                for (int c = 0; c < columns.size(); c++) {
                    Object value = rows.get(r).get(columns.get(c));
                    if (value instanceof Number number) {
                        row.createCell(c).setCellValue(number.doubleValue());
                    } else if (value != null) {
                        row.createCell(c).setCellValue(value.toString());
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            workbook.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
